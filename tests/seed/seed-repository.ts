// Node (dev only). All the SQL of `npm run seed`: multi-row inserts of the demonstration plant (the caller chunks
// them under each engine's parameter limit and groups them in transactions), the one set-based update that links
// the requests to what was written after them, the number sequences, and the counts of the summary.
import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../electron/core/kernel/db/database';
import type {
  DowntimesTable,
  EquipmentTable,
  LocationsTable,
  ReferenceItemsTable,
  Schema,
  TimeEntriesTable,
  UsersTable,
  WorkOrderAssigneesTable,
  WorkOrderCommentsTable,
  WorkOrderEventsTable,
  WorkOrdersTable,
  WorkRequestsTable,
} from '../../electron/core/kernel/db/schema';

/** The tables the seed writes, in the order it writes them (and the reverse of the order `--force` empties them). */
export const SEEDED_TABLES = [
  'users',
  'reference_items',
  'locations',
  'equipment',
  'work_requests',
  'work_orders',
  'downtimes',
  'work_order_assignees',
  'time_entries',
  'work_order_comments',
  'work_order_events',
  'number_sequences',
] as const satisfies readonly (keyof Schema)[];

export interface RequestLink {
  id: number;
  downtimeId: number | null;
  workOrderId: number | null;
  duplicateOfId: number | null;
}

export class SeedRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): SeedRepository {
    return new SeedRepository(trx);
  }

  async countEquipment(): Promise<number> {
    const row = await this.db.selectFrom('equipment').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async countReferenceItems(): Promise<number> {
    const row = await this.db.selectFrom('reference_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** `--force`: the maintenance data goes (reference lists and accounts stay), children before their parents. */
  async wipeMaintenance(): Promise<void> {
    // Issue 15's stock and costs, then issue 14's préventif: they point at OTs and equipment.
    await this.db.deleteFrom('inventory_count_lines').execute();
    await this.db.updateTable('stock_moves').set({ reversal_of_id: null }).execute();
    await this.db.deleteFrom('stock_moves').execute();
    await this.db.deleteFrom('inventory_counts').execute();
    await this.db.deleteFrom('stock_balances').execute();
    await this.db.deleteFrom('part_reservations').execute();
    await this.db.deleteFrom('part_store_levels').execute();
    await this.db.deleteFrom('part_equipment').execute();
    await this.db.deleteFrom('part_suppliers').execute();
    await this.db.deleteFrom('parts').execute();
    await this.db.deleteFrom('bins').execute();
    await this.db.deleteFrom('stores').execute();
    await this.db.deleteFrom('work_order_services').execute();
    await this.db.deleteFrom('work_order_steps').execute();
    await this.db.deleteFrom('meter_readings').execute();
    await this.db.updateTable('work_orders').set({ pm_occurrence_id: null, checklist_id: null }).execute();
    await this.db.deleteFrom('pm_occurrences').execute();
    await this.db.deleteFrom('pm_schedules').execute();
    await this.db.deleteFrom('pm_plan_assignees').execute();
    await this.db.deleteFrom('pm_plans').execute();
    await this.db.deleteFrom('checklist_steps').execute();
    await this.db.deleteFrom('checklists').execute();
    await this.db.deleteFrom('meters').execute();
    await this.db.deleteFrom('work_order_events').execute();
    await this.db.deleteFrom('work_order_comments').execute();
    await this.db.deleteFrom('time_entries').execute();
    await this.db.deleteFrom('work_order_assignees').execute();
    await this.db.deleteFrom('attachments').execute();
    await this.db.updateTable('work_requests').set({ downtime_id: null, duplicate_of_id: null }).execute();
    await this.db.deleteFrom('work_orders').execute();
    await this.db.deleteFrom('work_requests').execute();
    await this.db.deleteFrom('downtimes').execute();
    await this.db.updateTable('equipment').set({ parent_id: null }).execute();
    await this.db.deleteFrom('equipment').execute();
    await this.db.updateTable('locations').set({ parent_id: null }).execute();
    await this.db.deleteFrom('locations').execute();
    await this.db.deleteFrom('number_sequences').where((eb) => eb.or([eb('name', 'like', 'OT-%'), eb('name', 'like', 'DI-%')])).execute();
  }

  /** The demonstration accounts: created, or (same username) given the known password and role again. */
  async upsertUsers(rows: Insertable<UsersTable>[]): Promise<{ id: number; username: string }[]> {
    const result = await this.db
      .insertInto('users')
      .values(rows)
      .onConflict((oc) =>
        oc.column('username').doUpdateSet((eb) => ({
          display_name: eb.ref('excluded.display_name'),
          role: eb.ref('excluded.role'),
          password_hash: eb.ref('excluded.password_hash'),
          password_changed_at: eb.ref('excluded.password_changed_at'),
          must_change_password: 0,
          is_active: 1,
          deactivated_at: null,
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .returning(['id', 'username'])
      .execute();
    return result.map((row) => ({ id: Number(row.id), username: row.username }));
  }

  async insertReferenceItems(rows: Insertable<ReferenceItemsTable>[]): Promise<void> {
    await this.db.insertInto('reference_items').values(rows).execute();
  }

  async insertLocations(rows: Insertable<LocationsTable>[]): Promise<{ id: number; code: string }[]> {
    const result = await this.db.insertInto('locations').values(rows).returning(['id', 'code']).execute();
    return result.map((row) => ({ id: Number(row.id), code: row.code }));
  }

  async insertEquipment(rows: Insertable<EquipmentTable>[]): Promise<{ id: number; code: string }[]> {
    const result = await this.db.insertInto('equipment').values(rows).returning(['id', 'code']).execute();
    return result.map((row) => ({ id: Number(row.id), code: row.code }));
  }

  async insertRequests(rows: Insertable<WorkRequestsTable>[]): Promise<{ id: number; number: string }[]> {
    const result = await this.db.insertInto('work_requests').values(rows).returning(['id', 'number']).execute();
    return result.map((row) => ({ id: Number(row.id), number: row.number }));
  }

  async insertWorkOrders(rows: Insertable<WorkOrdersTable>[]): Promise<{ id: number; number: string }[]> {
    const result = await this.db.insertInto('work_orders').values(rows).returning(['id', 'number']).execute();
    return result.map((row) => ({ id: Number(row.id), number: row.number }));
  }

  /** Downtimes have no natural key: the request that opened each one (unique per downtime here) names it. */
  async insertDowntimes(rows: Insertable<DowntimesTable>[]): Promise<{ id: number; requestId: number | null }[]> {
    const result = await this.db.insertInto('downtimes').values(rows).returning(['id', 'request_id']).execute();
    return result.map((row) => ({ id: Number(row.id), requestId: row.request_id === null ? null : Number(row.request_id) }));
  }

  async insertAssignees(rows: Insertable<WorkOrderAssigneesTable>[]): Promise<void> {
    await this.db.insertInto('work_order_assignees').values(rows).execute();
  }

  async insertTimeEntries(rows: Insertable<TimeEntriesTable>[]): Promise<void> {
    await this.db.insertInto('time_entries').values(rows).execute();
  }

  async insertComments(rows: Insertable<WorkOrderCommentsTable>[]): Promise<void> {
    await this.db.insertInto('work_order_comments').values(rows).execute();
  }

  async insertEvents(rows: Insertable<WorkOrderEventsTable>[]): Promise<void> {
    await this.db.insertInto('work_order_events').values(rows).execute();
  }

  /**
   * What a request points at but could not know when it was written (the OT made from it, the downtime it opened,
   * the request it duplicates): one UPDATE … FROM a VALUES list per chunk, on both engines (SQLite ≥ 3.33).
   */
  async linkRequests(links: readonly RequestLink[]): Promise<void> {
    if (links.length === 0) return;
    const values = sql.join(
      links.map(
        (link) =>
          sql`(cast(${link.id} as bigint), cast(${link.downtimeId} as bigint), cast(${link.workOrderId} as bigint), cast(${link.duplicateOfId} as bigint))`,
      ),
    );
    await sql`
      with v(id, downtime_id, work_order_id, duplicate_of_id) as (values ${values})
      update work_requests
         set downtime_id = v.downtime_id, work_order_id = v.work_order_id, duplicate_of_id = v.duplicate_of_id
        from v
       where work_requests.id = v.id`.execute(this.db);
  }

  /** Each year's sequence set to its last number at least, so the app's next OT/DI continues the numbering. */
  async raiseSequences(values: readonly { name: string; lastValue: number }[]): Promise<void> {
    if (values.length === 0) return;
    await this.db
      .insertInto('number_sequences')
      .values(values.map((v) => ({ name: v.name, last_value: v.lastValue })))
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({
          last_value: sql<number>`case when excluded.last_value > number_sequences.last_value then excluded.last_value else number_sequences.last_value end`,
        }),
      )
      .execute();
  }

  async countRows(table: (typeof SEEDED_TABLES)[number]): Promise<number> {
    const row = await this.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** PostgreSQL: the planner's statistics after a bulk load (autovacuum would gather them within a minute). */
  async analyze(): Promise<void> {
    await sql`analyze`.execute(this.db);
  }
}
