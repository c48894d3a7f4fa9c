// Pure (Node). The `work-orders` module: one OT from creation to closure (the lists, saved views and exports are
// the lists helper's `work-orders-list-*` handlers, wired beside these). Handlers are thin: the session main holds
// is the caller, the rules live in WorkOrdersService and the shared state machine.
import type { Role } from '../../../shared/contract/roles';
import type { workOrdersContract } from '../../../shared/work-orders/contract';
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import type { PdfPrinter } from '../kernel/platform/pdf-printer';
import { ChecklistStepsRepository } from '../checklists';
import { AppError } from '../kernel/platform/app-error';
import { renderWorkOrderSheet, workOrderSheetFileName } from './work-order-sheet';
import { WorkOrdersService } from './work-orders-service';

export interface WorkOrdersModule extends DomainModule<keyof typeof workOrdersContract> {
  service: WorkOrdersService;
}

export function createWorkOrdersModule(kernel: Kernel, deps: { pdfPrinter?: PdfPrinter }): WorkOrdersModule {
  const service = new WorkOrdersService(kernel);
  const caller = (session: { userId: number; user: { role: Role } }) => ({ userId: session.userId, role: session.user.role });
  return {
    service,
    handlers: {
      'workOrders:get': ({ input, session }) => service.get(input.number, caller(session)),
      'workOrders:create': ({ input, session }) => service.create(input, caller(session)),
      'workOrders:update': ({ input, session }) => service.update(input, caller(session)),
      'workOrders:transition': ({ input, session }) => service.transition(input, caller(session)),
      'workOrders:comment': ({ input, session }) => service.comment(input.number, input.body, caller(session)),
      'workOrders:addTime': ({ input, session }) => service.addTime(input, caller(session)),
      'workOrders:assignees': () => service.assignees(),
      'workOrders:printSheet': async ({ input, session }) => {
        if (!deps.pdfPrinter) throw new AppError('PRINT_UNAVAILABLE', 'No PDF printer on this host');
        const order = await service.get(input.number, caller(session));
        // Loaded first, printed outside any transaction: Chromium's printing takes a while.
        const gamme = await new ChecklistStepsRepository(kernel.database.kysely).printable(order.id);
        const pdf = await deps.pdfPrinter.print(await renderWorkOrderSheet(order, kernel.clock.now(), gamme));
        return { fileName: workOrderSheetFileName(order.number), base64: Buffer.from(pdf).toString('base64') };
      },
    },
  };
}
