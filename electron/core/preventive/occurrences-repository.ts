// Pure (Node). The occurrences of the préventif (pm_occurrences): the generator's idempotence key
// UNIQUE (plan_id, equipment_id, occurrence_key) is used here by INSERT … ON CONFLICT DO NOTHING RETURNING id, so a
// second pass, a second process or a replay after a crash inserts nothing and makes no second OT. SQL only here.
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../kernel/db/database';
import type { PmOccurrencesTable } from '../kernel/db/schema';

export type OccurrenceRow = Selectable<PmOccurrencesTable>;
export type NewOccurrence = Omit<Insertable<PmOccurrencesTable>, 'id'>;

export interface FinishedOccurrence {
  id: number;
  planId: number;
  equipmentId: number;
  workOrderStatus: string;
  /** When the OT was finished (terminé), else closed, else last touched. */
  finishedAt: number;
}

export class OccurrencesRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): OccurrencesRepository {
    return new OccurrencesRepository(trx);
  }

  /** The new occurrence's id, or null when it exists already (another pass or process made it). */
  async insertIfNew(row: NewOccurrence): Promise<number | null> {
    const inserted = await this.db
      .insertInto('pm_occurrences')
      .values(row)
      .onConflict((oc) => oc.columns(['plan_id', 'equipment_id', 'occurrence_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted ? Number(inserted.id) : null;
  }

  /** Missed occurrences of one schedule in one statement; how many were new (the others exist already). */
  async insertManyIfNew(rows: readonly NewOccurrence[]): Promise<number> {
    let inserted = 0;
    for (let i = 0; i < rows.length; i += 200) {
      const out = await this.db
        .insertInto('pm_occurrences')
        .values(rows.slice(i, i + 200))
        .onConflict((oc) => oc.columns(['plan_id', 'equipment_id', 'occurrence_key']).doNothing())
        .returning('id')
        .execute();
      inserted += out.length;
    }
    return inserted;
  }

  /** Ties the OT and its occurrence both ways (work_orders.pm_occurrence_id is unique: one OT per occurrence). */
  async linkWorkOrder(occurrenceId: number, workOrderId: number): Promise<void> {
    await this.db.updateTable('pm_occurrences').set({ work_order_id: workOrderId }).where('id', '=', occurrenceId).execute();
    await this.db.updateTable('work_orders').set({ pm_occurrence_id: occurrenceId }).where('id', '=', workOrderId).execute();
  }

  /** The latest occurrence of every schedule (what the next one follows). */
  latestPerSchedule(): Promise<OccurrenceRow[]> {
    return this.db
      .selectFrom('pm_occurrences')
      .selectAll()
      .where('id', 'in', (eb) => eb.selectFrom('pm_occurrences').select((e) => e.fn.max('id').as('id')).groupBy(['plan_id', 'equipment_id']))
      .execute();
  }

  /** The latest done occurrence of every schedule (which trigger fired last, for a whichever-first). */
  latestDonePerSchedule(): Promise<OccurrenceRow[]> {
    return this.db
      .selectFrom('pm_occurrences')
      .selectAll()
      .where('id', 'in', (eb) => eb.selectFrom('pm_occurrences').select((e) => e.fn.max('id').as('id')).where('status', '=', 'done').groupBy(['plan_id', 'equipment_id']))
      .execute();
  }

  /** Occurrences with an OT still open (status generated), at most one per schedule. */
  open(): Promise<OccurrenceRow[]> {
    return this.db.selectFrom('pm_occurrences').selectAll().where('status', '=', 'generated').execute();
  }

  /** Generated occurrences whose OT is done, closed or cancelled: the completion sweep's work. */
  async finished(): Promise<FinishedOccurrence[]> {
    const rows = await this.db
      .selectFrom('pm_occurrences as o')
      .innerJoin('work_orders as wo', 'wo.id', 'o.work_order_id')
      .select(['o.id', 'o.plan_id', 'o.equipment_id', 'wo.status', 'wo.finished_at', 'wo.closed_at', 'wo.updated_at'])
      .where('o.status', '=', 'generated')
      .where('wo.status', 'in', ['done', 'closed', 'cancelled'])
      .orderBy('o.id')
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      planId: Number(r.plan_id),
      equipmentId: Number(r.equipment_id),
      workOrderStatus: r.status,
      finishedAt: Number(r.finished_at ?? r.closed_at ?? r.updated_at),
    }));
  }

  /** Compare-and-set from `generated`: two processes sweeping at once move an occurrence once. */
  async markDone(id: number, doneAt: number, doneTotal: number | null): Promise<{ key: string } | null> {
    const row = await this.db
      .updateTable('pm_occurrences')
      .set({ status: 'done', done_at: doneAt, done_total: doneTotal })
      .where('id', '=', id)
      .where('status', '=', 'generated')
      .returning('occurrence_key')
      .executeTakeFirst();
    return row ? { key: row.occurrence_key } : null;
  }

  async markCancelled(id: number): Promise<boolean> {
    const result = await this.db.updateTable('pm_occurrences').set({ status: 'cancelled' }).where('id', '=', id).where('status', '=', 'generated').executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
