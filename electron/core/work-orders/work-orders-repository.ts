// Pure (Node). The ordres de travail (OT) table and its history: SQL only here.
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../kernel/db/database';
import type { WorkOrderEventsTable, WorkOrdersTable } from '../kernel/db/schema';

export type WorkOrderRow = Selectable<WorkOrdersTable>;
export type NewWorkOrderRow = Omit<Insertable<WorkOrdersTable>, 'id'>;

export class WorkOrdersRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): WorkOrdersRepository {
    return new WorkOrdersRepository(trx);
  }

  async insert(values: NewWorkOrderRow): Promise<number> {
    const row = await this.db.insertInto('work_orders').values(values).returning('id').executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async addAssignees(workOrderId: number, userIds: readonly number[]): Promise<void> {
    if (userIds.length === 0) return;
    await this.db
      .insertInto('work_order_assignees')
      .values(userIds.map((userId) => ({ work_order_id: workOrderId, user_id: userId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async addEvent(values: Omit<Insertable<WorkOrderEventsTable>, 'id'>): Promise<void> {
    await this.db.insertInto('work_order_events').values(values).execute();
  }

  findById(id: number): Promise<WorkOrderRow | undefined> {
    return this.db.selectFrom('work_orders').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByNumber(number: string): Promise<WorkOrderRow | undefined> {
    return this.db.selectFrom('work_orders').selectAll().where('number', '=', number).executeTakeFirst();
  }
}
