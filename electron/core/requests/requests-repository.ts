// Pure (Node). All SQL of the DI (work_requests), with what a DI page shows of its neighbours (equipment, location,
// people, the OT it became, its downtime). Status moves are compare-and-set on `status = 'new'`: two managers
// deciding at once on two PCs, only one write matches.
import type { Selectable } from 'kysely';
import type { Executor } from '../kernel/db/database';
import type { RequestStatus, WorkRequestsTable } from '../kernel/db/schema';
import { containsFolded } from '../kernel/db/text-search';
import type { EquipmentLookupItem, RequestView } from '../../../shared/requests/contract';

export type WorkRequestRow = Selectable<WorkRequestsTable>;

export interface NewWorkRequest {
  number: string;
  equipmentId: number;
  locationId: number | null;
  symptom: string;
  machineStopped: boolean;
  reporterName: string | null;
  reporterUserId: number | null;
  workstation: string;
  searchText: string;
  at: number;
  /** The key a client PC gave this DI (issue 16): unique, so the same DI sent again is never filed twice. */
  clientKey?: string | null;
}

/** A DI as shown, plus the ids main needs to decide (never sent to the renderer as such). */
export interface RequestViewRow extends RequestView {
  id: number;
  reporterUserId: number | null;
  downtimeId: number | null;
  downtimeStartedAt: number | null;
  downtimeEndedAt: number | null;
}

export interface StatusChange {
  status: RequestStatus;
  refusalReason?: string | null;
  duplicateOfId?: number | null;
  decidedBy: number | null;
  at: number;
}

const num = (value: number | string | bigint | null | undefined): number | null => (value === null || value === undefined ? null : Number(value));

export class RequestsRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): RequestsRepository {
    return new RequestsRepository(trx);
  }

  async insert(input: NewWorkRequest): Promise<number> {
    const row = await this.db
      .insertInto('work_requests')
      .values({
        number: input.number,
        equipment_id: input.equipmentId,
        location_id: input.locationId,
        symptom: input.symptom,
        machine_stopped: input.machineStopped ? 1 : 0,
        status: 'new',
        reporter_name: input.reporterName,
        reporter_user_id: input.reporterUserId,
        workstation: input.workstation,
        refusal_reason: null,
        duplicate_of_id: null,
        work_order_id: null,
        downtime_id: null,
        decided_by: null,
        decided_at: null,
        search_text: input.searchText,
        client_key: input.clientKey ?? null,
        created_at: input.at,
        updated_at: input.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async setDowntime(id: number, downtimeId: number): Promise<void> {
    await this.db.updateTable('work_requests').set({ downtime_id: downtimeId }).where('id', '=', id).execute();
  }

  findRowByNumber(number: string): Promise<WorkRequestRow | undefined> {
    return this.db.selectFrom('work_requests').selectAll().where('number', '=', number).executeTakeFirst();
  }

  /** The DI a client PC already sent with this key, if any (its number). */
  async findNumberByClientKey(clientKey: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('work_requests').select('number').where('client_key', '=', clientKey).executeTakeFirst();
    return row?.number;
  }

  findRowById(id: number): Promise<WorkRequestRow | undefined> {
    return this.db.selectFrom('work_requests').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Moves a DI out of `new`, in one statement that only matches while it is still new. False: someone else moved it
   * first (or it was never new), and nothing was written.
   */
  async changeStatusFromNew(id: number, change: StatusChange): Promise<boolean> {
    const result = await this.db
      .updateTable('work_requests')
      .set({
        status: change.status,
        refusal_reason: change.refusalReason ?? null,
        duplicate_of_id: change.duplicateOfId ?? null,
        decided_by: change.decidedBy,
        decided_at: change.at,
        updated_at: change.at,
      })
      .where('id', '=', id)
      .where('status', '=', 'new')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async setWorkOrder(id: number, workOrderId: number): Promise<void> {
    await this.db.updateTable('work_requests').set({ work_order_id: workOrderId }).where('id', '=', id).execute();
  }

  /** One DI with everything its page shows. */
  async findViewByNumber(number: string): Promise<RequestViewRow | undefined> {
    const row = await viewQuery(this.db).where('r.number', '=', number).executeTakeFirst();
    return row ? toView(row) : undefined;
  }

  /** The reporter's own DIs, newest first, keyset on id (ids grow with time). */
  async listForReporter(userId: number, cursor: number | undefined, limit: number): Promise<RequestViewRow[]> {
    let query = viewQuery(this.db).where('r.reporter_user_id', '=', userId);
    if (cursor !== undefined) query = query.where('r.id', '<', cursor);
    const rows = await query.orderBy('r.id', 'desc').limit(limit).execute();
    return rows.map(toView);
  }

  /**
   * The equipment of a report, by its exact code (any case): id and location only. The public form resolves the
   * code here rather than trusting an id from the renderer.
   */
  async findEquipmentByCode(code: string): Promise<{ id: number; locationId: number | null; code: string } | undefined> {
    const row = await this.db.selectFrom('equipment').select(['id', 'location_id', 'code']).where('code', '=', code.trim()).executeTakeFirst();
    return row ? { id: Number(row.id), locationId: num(row.location_id), code: row.code } : undefined;
  }

  /**
   * What the public lookup may say: code, designation, location name. The exact code first (a scan), then the
   * code or designation containing the text (accents and case ignored), by code. Scrapped equipment is not offered.
   */
  async lookupEquipment(text: string, limit: number): Promise<EquipmentLookupItem[]> {
    const base = this.db
      .selectFrom('equipment as e')
      .leftJoin('locations as l', 'l.id', 'e.location_id')
      .select(['e.id', 'e.code', 'e.designation', 'l.name as locationName'])
      .where('e.status', '!=', 'scrapped');
    const exact = await base.where('e.code', '=', text.trim()).executeTakeFirst();
    let query = base.where((eb) => containsFolded(eb.ref('e.search_text'), text));
    if (exact) query = query.where('e.id', '!=', exact.id);
    const rest = await query.orderBy('e.code').limit(exact ? limit - 1 : limit).execute();
    return [...(exact ? [exact] : []), ...rest].map((row) => ({ code: row.code, designation: row.designation, locationName: row.locationName ?? null }));
  }
}

function viewQuery(db: Executor) {
  return db
    .selectFrom('work_requests as r')
    .innerJoin('equipment as e', 'e.id', 'r.equipment_id')
    .leftJoin('locations as l', 'l.id', 'r.location_id')
    .leftJoin('users as reporter', 'reporter.id', 'r.reporter_user_id')
    .leftJoin('users as decider', 'decider.id', 'r.decided_by')
    .leftJoin('work_requests as original', 'original.id', 'r.duplicate_of_id')
    .leftJoin('work_orders as wo', 'wo.id', 'r.work_order_id')
    .leftJoin('downtimes as d', 'd.id', 'r.downtime_id')
    .select([
      'r.id',
      'r.number',
      'r.status',
      'r.symptom',
      'r.machine_stopped',
      'r.reporter_name',
      'r.reporter_user_id',
      'r.workstation',
      'r.created_at',
      'r.refusal_reason',
      'r.decided_at',
      'r.downtime_id',
      'e.code as equipment_code',
      'e.designation as equipment_designation',
      'l.name as location_name',
      'reporter.display_name as reporter_display_name',
      'decider.display_name as decider_display_name',
      'original.number as duplicate_of_number',
      'wo.number as work_order_number',
      'd.started_at as downtime_started_at',
      'd.ended_at as downtime_ended_at',
    ]);
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof viewQuery>['executeTakeFirstOrThrow']>>;

function toView(row: ViewRow): RequestViewRow {
  return {
    id: Number(row.id),
    number: row.number,
    status: row.status,
    equipmentCode: row.equipment_code,
    equipmentDesignation: row.equipment_designation,
    locationName: row.location_name ?? null,
    symptom: row.symptom,
    machineStopped: Number(row.machine_stopped) === 1,
    reporterName: row.reporter_name,
    reporterDisplayName: row.reporter_display_name ?? null,
    reporterUserId: num(row.reporter_user_id),
    workstation: row.workstation,
    createdAt: Number(row.created_at),
    refusalReason: row.refusal_reason,
    duplicateOfNumber: row.duplicate_of_number ?? null,
    workOrderNumber: row.work_order_number ?? null,
    decidedAt: num(row.decided_at),
    decidedByDisplayName: row.decider_display_name ?? null,
    downtimeId: num(row.downtime_id),
    downtimeStartedAt: num(row.downtime_started_at),
    downtimeEndedAt: num(row.downtime_ended_at),
  };
}
