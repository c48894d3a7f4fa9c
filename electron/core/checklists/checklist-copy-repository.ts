// Pure (Node). Copies a gamme's steps onto an OT (work_order_steps) when the OT is made from a plan, or when a
// Responsable attaches a gamme to an OT: the OT keeps its own copy, so editing the gamme later never changes work
// already planned or done. SQL only here.
import type { Executor } from '../kernel/db/database';

export class ChecklistCopyRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): ChecklistCopyRepository {
    return new ChecklistCopyRepository(trx);
  }

  /** Copies every step of the gamme, in order; returns how many. Run it in the transaction that makes the OT. */
  async copyToWorkOrder(checklistId: number, workOrderId: number): Promise<number> {
    const steps = await this.db.selectFrom('checklist_steps').selectAll().where('checklist_id', '=', checklistId).orderBy('position').execute();
    if (steps.length === 0) return 0;
    await this.db
      .insertInto('work_order_steps')
      .values(
        steps.map((step) => ({
          work_order_id: workOrderId,
          position: step.position,
          kind: step.kind,
          label: step.label,
          required: step.required,
          unit: step.unit,
          min_value: step.min_value,
          max_value: step.max_value,
          help: step.help,
        })),
      )
      .execute();
    await this.db.updateTable('work_orders').set({ checklist_id: checklistId }).where('id', '=', workOrderId).execute();
    return steps.length;
  }
}
