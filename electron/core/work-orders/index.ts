// Pure (Node). What other domains may use of `work-orders` (ordres de travail).
export { createWorkOrder, type NewWorkOrder, type WorkOrderActor } from './create-work-order';
export { WorkOrdersRepository, type WorkOrderRow } from './work-orders-repository';
export { createWorkOrdersModule, type WorkOrdersModule } from './work-orders-module';
export { WorkOrdersService } from './work-orders-service';
