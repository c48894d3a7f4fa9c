// Pure (Node). Coûts: hourly rates, external services on OTs, and every cost total (per OT, equipment, location,
// category, month) as SQL aggregates — SQL only here. Labour = Σ duration × COALESCE(stamped rate, the user's
// rate, the role's rate, 0); parts = −Σ value_cents of the OT's issue/return/reversal moves (an issue is a negative
// quantity, so a positive cost; a return or a reversal gives it back); services = Σ amount_cents.
import { sql, type RawBuilder } from 'kysely';
import type { Role } from '../../../shared/contract/roles';
import type { Executor } from '../kernel/db/database';

const HOUR_MS = 3_600_000;
/** The moves that cost an OT (value_cents is negated: an issue is signed −). */
export const COSTING_MOVE_KINDS = ['issue', 'return', 'reversal'] as const;

/** A period [startAt, endAt) in epoch ms, and the locations in scope (null: everywhere). */
export interface CostScope {
  startAt: number;
  endAt: number;
  locationIds: readonly number[] | null;
}

/** The local months a period covers: the bucket boundaries the month CASE uses (computed by the caller in local time). */
export interface MonthBucket {
  month: string;
  startAt: number;
  endAt: number;
}

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** The rate in force for a time entry aliased `t` (joined with its user `u`): the stamped one, else the user's, else the role's. */
const RATE_JOINS = sql`left join labour_rates ur on ur.subject_kind = 'user' and ur.subject = cast(t.user_id as text)
  left join labour_rates rr on rr.subject_kind = 'role' and rr.subject = u.role`;
const RATE = sql`coalesce(t.hourly_rate_cents, ur.hourly_rate_cents, rr.hourly_rate_cents)`;

function inList(column: RawBuilder<unknown>, ids: readonly number[]): RawBuilder<unknown> {
  return ids.length === 0 ? sql`1 = 0` : sql`${column} in (${sql.join(ids.map((id) => sql.lit(id)))})`;
}

/** `case when at < b1 then 'YYYY-MM' … end`: the local month of an instant, without engine-specific date functions. */
export function monthCase(at: RawBuilder<unknown>, months: readonly MonthBucket[]): RawBuilder<string> {
  if (months.length === 0) return sql<string>`''`;
  const branches = months.map((m) => sql`when ${at} < ${sql.lit(m.endAt)} then ${sql.lit(m.month)}`);
  return sql<string>`case ${sql.join(branches, sql` `)} else ${sql.lit(months[months.length - 1].month)} end`;
}

/**
 * Every costing line of the period with its OT's equipment and location: one row per finished time entry (by its
 * start), costing move (by its date) and service line (by its date). `labour` is fractional cents: callers round sums.
 */
export function costLinesSql(scope: CostScope): RawBuilder<unknown> {
  const start = sql.lit(scope.startAt);
  const end = sql.lit(scope.endAt);
  const where = scope.locationIds === null ? sql`1 = 1` : inList(sql`w.location_id`, scope.locationIds);
  return sql`(select w.id as work_order_id, w.number as work_order_number, w.equipment_id, w.location_id, x.at, x.labour, x.parts, x.services
    from (
      select t.work_order_id as wo, t.started_at as at,
        (t.ended_at - t.started_at) * coalesce(${RATE}, 0) / ${sql.lit(HOUR_MS)}.0 as labour, 0 as parts, 0 as services
      from time_entries t join users u on u.id = t.user_id ${RATE_JOINS}
      where t.ended_at is not null and t.started_at >= ${start} and t.started_at < ${end}
      union all
      select m.work_order_id, m.at, 0, -m.value_cents, 0 from stock_moves m
      where m.work_order_id is not null and m.kind in ('issue', 'return', 'reversal') and m.at >= ${start} and m.at < ${end}
      union all
      select s.work_order_id, s.created_at, 0, 0, s.amount_cents from work_order_services s
      where s.created_at >= ${start} and s.created_at < ${end}
    ) x join work_orders w on w.id = x.wo
    where ${where})`;
}

export interface RateRow {
  subjectKind: 'user' | 'role';
  subject: string;
  rateCents: number;
}

export interface ServiceRow {
  id: number;
  supplier: string;
  reference: string | null;
  description: string;
  amountCents: number;
  createdAt: number;
  createdBy: string | null;
}

export interface CostTotals {
  labourCents: number;
  partsCents: number;
  servicesCents: number;
  totalCents: number;
}

export type CostGroupKey = 'work_order' | 'equipment' | 'location' | 'category' | 'month';

export class CostsRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): CostsRepository {
    return new CostsRepository(trx);
  }

  // --- Rates --------------------------------------------------------------------------------------------------

  async listRates(): Promise<RateRow[]> {
    const rows = await this.db.selectFrom('labour_rates').select(['subject_kind', 'subject', 'hourly_rate_cents']).execute();
    return rows.map((r) => ({ subjectKind: r.subject_kind, subject: r.subject, rateCents: Number(r.hourly_rate_cents) }));
  }

  async rateOf(subjectKind: 'user' | 'role', subject: string): Promise<number | null> {
    const row = await this.db.selectFrom('labour_rates').select('hourly_rate_cents').where('subject_kind', '=', subjectKind).where('subject', '=', subject).executeTakeFirst();
    return row ? Number(row.hourly_rate_cents) : null;
  }

  async setRate(subjectKind: 'user' | 'role', subject: string, rateCents: number, userId: number, at: number): Promise<void> {
    await this.db
      .insertInto('labour_rates')
      .values({ subject_kind: subjectKind, subject, hourly_rate_cents: rateCents, updated_by: userId, updated_at: at })
      .onConflict((oc) => oc.columns(['subject_kind', 'subject']).doUpdateSet({ hourly_rate_cents: rateCents, updated_by: userId, updated_at: at }))
      .execute();
  }

  async deleteRate(subjectKind: 'user' | 'role', subject: string): Promise<void> {
    await this.db.deleteFrom('labour_rates').where('subject_kind', '=', subjectKind).where('subject', '=', subject).execute();
  }

  async maintainers(): Promise<{ id: number; displayName: string; username: string; role: Role; isActive: boolean }[]> {
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'display_name', 'username', 'role', 'is_active'])
      .where('role', 'in', ['admin', 'maintenance_manager', 'technician'])
      .orderBy('is_active', 'desc')
      .orderBy('display_name')
      .execute();
    return rows.map((r) => ({ id: Number(r.id), displayName: r.display_name, username: r.username, role: r.role as Role, isActive: Number(r.is_active) === 1 }));
  }

  async userExists(userId: number): Promise<boolean> {
    return (await this.db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst()) !== undefined;
  }

  /**
   * Stamps the rate in force now on time entries that stop: `runningOn` an OT (called just before its running
   * clocks are closed, in the same transaction and at the same instant), or one `entryId` typed by hand.
   */
  async stampRates(target: { runningOn: number; userId?: number } | { entryId: number }): Promise<void> {
    const rate = sql<number | null>`(select coalesce(
        (select r.hourly_rate_cents from labour_rates r where r.subject_kind = 'user' and r.subject = cast(time_entries.user_id as text)),
        (select r.hourly_rate_cents from labour_rates r join users u on r.subject_kind = 'role' and r.subject = u.role where u.id = time_entries.user_id)))`;
    let query = this.db.updateTable('time_entries').set({ hourly_rate_cents: rate });
    if ('entryId' in target) query = query.where('id', '=', target.entryId);
    else {
      query = query.where('work_order_id', '=', target.runningOn).where('ended_at', 'is', null);
      if (target.userId !== undefined) query = query.where('user_id', '=', target.userId);
    }
    await query.execute();
  }

  // --- Services -----------------------------------------------------------------------------------------------

  async addService(values: { workOrderId: number; supplier: string; reference: string | null; description: string; amountCents: number; userId: number; at: number }): Promise<number> {
    const row = await this.db
      .insertInto('work_order_services')
      .values({ work_order_id: values.workOrderId, supplier: values.supplier, reference: values.reference, description: values.description, amount_cents: values.amountCents, created_by: values.userId, created_at: values.at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async findService(id: number): Promise<{ id: number; workOrderId: number; supplier: string; amountCents: number; reference: string | null } | undefined> {
    const row = await this.db.selectFrom('work_order_services').select(['id', 'work_order_id', 'supplier', 'amount_cents', 'reference']).where('id', '=', id).executeTakeFirst();
    return row && { id: Number(row.id), workOrderId: Number(row.work_order_id), supplier: row.supplier, amountCents: Number(row.amount_cents), reference: row.reference };
  }

  async deleteService(id: number): Promise<boolean> {
    const result = await this.db.deleteFrom('work_order_services').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  async listServices(workOrderId: number): Promise<ServiceRow[]> {
    const rows = await this.db
      .selectFrom('work_order_services as s')
      .leftJoin('users as u', 'u.id', 's.created_by')
      .select(['s.id', 's.supplier', 's.reference', 's.description', 's.amount_cents', 's.created_at', 'u.display_name'])
      .where('s.work_order_id', '=', workOrderId)
      .orderBy('s.created_at')
      .orderBy('s.id')
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      supplier: r.supplier,
      reference: r.reference,
      description: r.description,
      amountCents: Number(r.amount_cents),
      createdAt: Number(r.created_at),
      createdBy: r.display_name ?? null,
    }));
  }

  async findWorkOrder(number: string): Promise<{ id: number; number: string; status: string } | undefined> {
    const row = await this.db.selectFrom('work_orders').select(['id', 'number', 'status']).where('number', '=', number).executeTakeFirst();
    return row && { id: Number(row.id), number: row.number, status: row.status };
  }

  // --- One OT's cost ------------------------------------------------------------------------------------------

  /** Time per person on the OT (finished entries), with their labour cost and the minutes nobody has a rate for. */
  async labourByPerson(workOrderId: number): Promise<{ userId: number; displayName: string; ms: number; cents: number; unratedMs: number }[]> {
    const { rows } = await sql<{ user_id: number; display_name: string; ms: number | string; cents: number | string | null; unrated_ms: number | string }>`
      select t.user_id, u.display_name, sum(t.ended_at - t.started_at) as ms,
        round(sum((t.ended_at - t.started_at) * coalesce(${RATE}, 0)) / ${sql.lit(HOUR_MS)}.0) as cents,
        sum(case when ${RATE} is null then t.ended_at - t.started_at else 0 end) as unrated_ms
      from time_entries t join users u on u.id = t.user_id ${RATE_JOINS}
      where t.work_order_id = ${workOrderId} and t.ended_at is not null
      group by t.user_id, u.display_name
      order by u.display_name`.execute(this.db);
    return rows.map((r) => ({ userId: Number(r.user_id), displayName: r.display_name, ms: num(r.ms), cents: num(r.cents), unratedMs: num(r.unrated_ms) }));
  }

  /** The OT's labour, parts, services and total in one statement. */
  async workOrderTotals(workOrderId: number): Promise<CostTotals> {
    const { rows } = await sql<{ labour: unknown; parts: unknown; services: unknown }>`
      select
        (select round(sum((t.ended_at - t.started_at) * coalesce(${RATE}, 0)) / ${sql.lit(HOUR_MS)}.0)
           from time_entries t join users u on u.id = t.user_id ${RATE_JOINS}
           where t.work_order_id = ${workOrderId} and t.ended_at is not null) as labour,
        (select -sum(m.value_cents) from stock_moves m where m.work_order_id = ${workOrderId} and m.kind in ('issue', 'return', 'reversal')) as parts,
        (select sum(s.amount_cents) from work_order_services s where s.work_order_id = ${workOrderId}) as services`.execute(this.db);
    const row = rows[0];
    const labourCents = num(row?.labour);
    const partsCents = num(row?.parts);
    const servicesCents = num(row?.services);
    return { labourCents, partsCents, servicesCents, totalCents: labourCents + partsCents + servicesCents };
  }

  /** The (small) locations table's links and names: scopes are subtrees (kernel/db/keyset.ts locationSubtree). */
  async locations(): Promise<{ id: number; parentId: number | null; name: string; code: string }[]> {
    const rows = await this.db.selectFrom('locations').select(['id', 'parent_id', 'name', 'code']).orderBy('name').execute();
    return rows.map((r) => ({ id: Number(r.id), parentId: r.parent_id === null ? null : Number(r.parent_id), name: r.name, code: r.code }));
  }

  // --- Totals over a period -----------------------------------------------------------------------------------

  /** Cost totals of the period grouped by OT, equipment, location, category or month, biggest first (months in order). */
  async totals(scope: CostScope, groupBy: CostGroupKey, months: readonly MonthBucket[], limit: number): Promise<({ key: string; label: string } & CostTotals)[]> {
    const lines = costLinesSql(scope);
    let key: RawBuilder<unknown>;
    let label: RawBuilder<unknown>;
    let joins = sql``;
    switch (groupBy) {
      case 'work_order':
        key = sql`c.work_order_number`;
        label = sql`c.work_order_number`;
        break;
      case 'equipment':
        joins = sql`join equipment e on e.id = c.equipment_id`;
        key = sql`e.code`;
        label = sql`e.designation`;
        break;
      case 'location':
        joins = sql`left join locations l on l.id = c.location_id`;
        key = sql`coalesce(l.code, '')`;
        label = sql`coalesce(l.name, '')`;
        break;
      case 'category':
        joins = sql`join equipment e on e.id = c.equipment_id`;
        key = sql`coalesce(e.category, '')`;
        label = sql`coalesce(e.category, '')`;
        break;
      case 'month':
        key = monthCase(sql`c.at`, months);
        label = key;
        break;
    }
    const order = groupBy === 'month' ? sql`grp_key` : sql`total desc, grp_key`;
    const { rows } = await sql<{ grp_key: string; label: string; labour: unknown; parts: unknown; services: unknown; total: unknown }>`
      select ${key} as grp_key, ${label} as label, round(sum(c.labour)) as labour, sum(c.parts) as parts, sum(c.services) as services,
        round(sum(c.labour) + sum(c.parts) + sum(c.services)) as total
      from ${lines} c ${joins}
      group by ${key}, ${label}
      order by ${order}
      limit ${sql.lit(limit)}`.execute(this.db);
    return rows.map((r) => {
      const labourCents = num(r.labour);
      const partsCents = num(r.parts);
      const servicesCents = num(r.services);
      return { key: String(r.grp_key), label: String(r.label), labourCents, partsCents, servicesCents, totalCents: labourCents + partsCents + servicesCents };
    });
  }
}
