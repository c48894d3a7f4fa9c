// Pure (Node). Arrêts (downtimes) of an equipment: SQL only here. At most one is open per equipment (a partial
// unique index), so a second "machine à l'arrêt" joins the open one instead of starting a second clock, even when
// two processes report it at the same instant.
import type { Selectable } from 'kysely';
import type { Executor } from '../kernel/db/database';
import type { DowntimesTable } from '../kernel/db/schema';

export type DowntimeRow = Selectable<DowntimesTable>;

export class DowntimesRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): DowntimesRepository {
    return new DowntimesRepository(trx);
  }

  /** Opens a downtime from `at`, or returns the one already open on this equipment. */
  async open(input: { equipmentId: number; at: number; requestId?: number | null; workOrderId?: number | null; planned?: boolean }): Promise<DowntimeRow> {
    await this.db
      .insertInto('downtimes')
      .values({
        equipment_id: input.equipmentId,
        started_at: input.at,
        planned: input.planned ? 1 : 0,
        request_id: input.requestId ?? null,
        work_order_id: input.workOrderId ?? null,
        created_at: input.at,
      })
      .onConflict((oc) => oc.column('equipment_id').where('ended_at', 'is', null).doNothing())
      .execute();
    const open = await this.findOpen(input.equipmentId);
    if (!open) throw new Error(`No open downtime on equipment ${input.equipmentId} after opening one`);
    return open;
  }

  findOpen(equipmentId: number): Promise<DowntimeRow | undefined> {
    return this.db.selectFrom('downtimes').selectAll().where('equipment_id', '=', equipmentId).where('ended_at', 'is', null).executeTakeFirst();
  }

  /** Ends the open downtime (never before it started); null when none was open. */
  async close(input: { equipmentId: number; at: number; workOrderId?: number | null; userId?: number | null }): Promise<DowntimeRow | null> {
    const open = await this.findOpen(input.equipmentId);
    if (!open) return null;
    const endedAt = Math.max(input.at, open.started_at);
    const row = await this.db
      .updateTable('downtimes')
      .set({ ended_at: endedAt, ended_by: input.userId ?? null, work_order_id: open.work_order_id ?? input.workOrderId ?? null })
      .where('id', '=', open.id)
      .where('ended_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  }

  listForEquipment(equipmentId: number): Promise<DowntimeRow[]> {
    return this.db.selectFrom('downtimes').selectAll().where('equipment_id', '=', equipmentId).orderBy('started_at', 'desc').execute();
  }
}
