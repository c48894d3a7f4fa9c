// Pure (Node). The steps an OT copied from its gamme (work_order_steps) and the technician's answers: SQL only
// here. `missingRequired` is what the OT's finish action asks inside its own transaction (work-orders-service),
// so an OT can't become `terminé` while a required step is empty.
import type { Selectable } from 'kysely';
import type { Executor } from '../kernel/db/database';
import type { WorkOrderStepsTable } from '../kernel/db/schema';
import type { PrintableStep } from './checklist-sheet';

export type WorkOrderStepRow = Selectable<WorkOrderStepsTable>;

export interface WorkOrderStepDetail extends WorkOrderStepRow {
  attachmentName: string | null;
  readingValue: number | null;
  answeredByName: string | null;
  followUpRequestNumber: string | null;
  followUpWorkOrderNumber: string | null;
}

export interface StepAnswerChanges {
  check_result: WorkOrderStepRow['check_result'];
  number_value: number | null;
  text_value: string | null;
  attachment_id: number | null;
  meter_id: number | null;
  reading_id: number | null;
  out_of_limits: 0 | 1;
  answered_by: number | null;
  answered_at: number | null;
}

export class ChecklistStepsRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): ChecklistStepsRepository {
    return new ChecklistStepsRepository(trx);
  }

  /**
   * The required steps of the OT not answered yet, as « 2. Niveau d'huile », in order. Empty: the OT may finish.
   * Call it with the transaction's executor (`new ChecklistStepsRepository(trx).missingRequired(id)`).
   */
  async missingRequired(workOrderId: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('work_order_steps')
      .select(['position', 'label'])
      .where('work_order_id', '=', workOrderId)
      .where('required', '=', 1)
      .where('answered_at', 'is', null)
      .orderBy('position')
      .execute();
    return rows.map((row) => `${row.position}. ${row.label}`);
  }

  async countFor(workOrderId: number): Promise<number> {
    const row = await this.db.selectFrom('work_order_steps').select((eb) => eb.fn.countAll().as('n')).where('work_order_id', '=', workOrderId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  findStep(workOrderId: number, stepId: number): Promise<WorkOrderStepRow | undefined> {
    return this.db.selectFrom('work_order_steps').selectAll().where('work_order_id', '=', workOrderId).where('id', '=', stepId).executeTakeFirst();
  }

  /** Every step of the OT with what its answer points at (the photo's name, the reading, who, the follow-ups). */
  async listDetailed(workOrderId: number): Promise<WorkOrderStepDetail[]> {
    const rows = await this.db
      .selectFrom('work_order_steps as s')
      .leftJoin('attachments as a', 'a.id', 's.attachment_id')
      .leftJoin('meter_readings as r', 'r.id', 's.reading_id')
      .leftJoin('users as u', 'u.id', 's.answered_by')
      .leftJoin('work_requests as wr', 'wr.id', 's.follow_up_request_id')
      .leftJoin('work_orders as wo', 'wo.id', 's.follow_up_work_order_id')
      .selectAll('s')
      .select(['a.file_name as attachmentName', 'r.value as readingValue', 'u.display_name as answeredByName', 'wr.number as followUpRequestNumber', 'wo.number as followUpWorkOrderNumber'])
      .where('s.work_order_id', '=', workOrderId)
      .orderBy('s.position')
      .execute();
    return rows as WorkOrderStepDetail[];
  }

  /** The steps as the printed sheet shows them (work-orders' printSheet calls it through the domain's index). */
  async printable(workOrderId: number): Promise<{ steps: PrintableStep[]; checklist: { code: string; name: string } | null }> {
    const [rows, checklist] = await Promise.all([
      this.db.selectFrom('work_order_steps').select(['position', 'kind', 'label', 'required', 'unit', 'min_value', 'max_value', 'help']).where('work_order_id', '=', workOrderId).orderBy('position').execute(),
      this.checklistOf(workOrderId),
    ]);
    return {
      steps: rows.map((row) => ({
        position: row.position,
        kind: row.kind,
        label: row.label,
        required: row.required === 1,
        unit: row.unit,
        minValue: row.min_value === null ? null : Number(row.min_value),
        maxValue: row.max_value === null ? null : Number(row.max_value),
        help: row.help,
      })),
      checklist: checklist ?? null,
    };
  }

  async saveAnswer(stepId: number, changes: StepAnswerChanges): Promise<void> {
    await this.db.updateTable('work_order_steps').set(changes).where('id', '=', stepId).execute();
  }

  /** Links a follow-up only if the step has none yet: false when another PC linked one first. */
  async linkFollowUp(stepId: number, link: { requestId: number } | { workOrderId: number }): Promise<boolean> {
    const result = await this.db
      .updateTable('work_order_steps')
      .set('requestId' in link ? { follow_up_request_id: link.requestId } : { follow_up_work_order_id: link.workOrderId })
      .where('id', '=', stepId)
      .where('follow_up_request_id', 'is', null)
      .where('follow_up_work_order_id', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async requestIdByNumber(number: string): Promise<number | undefined> {
    const row = await this.db.selectFrom('work_requests').select('id').where('number', '=', number).executeTakeFirst();
    return row ? Number(row.id) : undefined;
  }

  /** The photo must be an attachment of this very OT. */
  async attachmentOfWorkOrder(attachmentId: number, workOrderId: number): Promise<boolean> {
    const row = await this.db.selectFrom('attachments').select('id').where('id', '=', attachmentId).where('owner_kind', '=', 'work_order').where('owner_id', '=', workOrderId).executeTakeFirst();
    return row !== undefined;
  }

  async equipmentCode(equipmentId: number): Promise<string | undefined> {
    const row = await this.db.selectFrom('equipment').select('code').where('id', '=', equipmentId).executeTakeFirst();
    return row?.code;
  }

  async checklistOf(workOrderId: number): Promise<{ code: string; name: string } | undefined> {
    return this.db
      .selectFrom('work_orders as w')
      .innerJoin('checklists as c', 'c.id', 'w.checklist_id')
      .select(['c.code', 'c.name'])
      .where('w.id', '=', workOrderId)
      .executeTakeFirst();
  }
}
