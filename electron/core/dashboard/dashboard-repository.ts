// Pure (Node). The dashboard's counts over migration 0009's tables: SQL only here. Each count is one indexed
// aggregate; the dashboard never loads rows.
import type { Executor } from '../kernel/db/database';

/** An OT in one of these states is over: it counts neither as overdue nor as someone's open work. */
export const FINISHED_WORK_ORDER_STATUSES = ['done', 'closed', 'cancelled'] as const;

export class DashboardRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): DashboardRepository {
    return new DashboardRepository(trx);
  }

  /** DIs still `new`: all of them, or those one user reported. */
  async countNewRequests(reporterUserId: number | null): Promise<number> {
    let query = this.db.selectFrom('work_requests').select((eb) => eb.fn.countAll<number | string>().as('n')).where('status', '=', 'new');
    if (reporterUserId !== null) query = query.where('reporter_user_id', '=', reporterUserId);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }

  async countDraftWorkOrders(): Promise<number> {
    const row = await this.db.selectFrom('work_orders').select((eb) => eb.fn.countAll<number | string>().as('n')).where('status', '=', 'draft').executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async countOverdueWorkOrders(now: number): Promise<number> {
    const row = await this.db
      .selectFrom('work_orders')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('due_at', '<', now)
      .where('status', 'not in', FINISHED_WORK_ORDER_STATUSES)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async countWaitingForParts(): Promise<number> {
    const row = await this.db
      .selectFrom('work_orders')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('status', '=', 'on_hold')
      .where('hold_reason', '=', 'parts')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async countOpenAssignedTo(userId: number): Promise<number> {
    const row = await this.db
      .selectFrom('work_orders')
      .innerJoin('work_order_assignees', 'work_order_assignees.work_order_id', 'work_orders.id')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('work_order_assignees.user_id', '=', userId)
      .where('work_orders.status', 'not in', FINISHED_WORK_ORDER_STATUSES)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Equipment à l'arrêt: at most one open downtime per equipment (a partial unique index), so rows = machines. */
  async countStoppedEquipment(): Promise<number> {
    const row = await this.db.selectFrom('downtimes').select((eb) => eb.fn.countAll<number | string>().as('n')).where('ended_at', 'is', null).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
