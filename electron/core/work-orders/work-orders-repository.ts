// Pure (Node). The ordres de travail (OT) table and its history: SQL only here.
// Also the OT's assignees, time entries and comments, and the few reads of other tables its page needs (the
// equipment with its location path, the DI it came from, people's names), so the OT's commands hold no SQL.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../kernel/db/database';
import type { WorkOrderEventsTable, WorkOrdersTable } from '../kernel/db/schema';

export type WorkOrderRow = Selectable<WorkOrdersTable>;
export type NewWorkOrderRow = Omit<Insertable<WorkOrdersTable>, 'id'>;
export type WorkOrderChanges = Omit<Updateable<WorkOrdersTable>, 'id' | 'number' | 'version' | 'created_at' | 'created_by'>;

export interface Person {
  id: number;
  displayName: string;
}

export interface TimeEntryRow {
  id: number;
  userId: number;
  displayName: string;
  startedAt: number;
  endedAt: number | null;
  workstation: string;
}

const MAINTAINER_ROLES = ['admin', 'maintenance_manager', 'technician'] as const;

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

  /** Compare-and-set: writes only if the OT is still at `version`, and bumps it. False: someone changed it meanwhile. */
  async updateIfVersion(id: number, version: number, changes: WorkOrderChanges): Promise<boolean> {
    const result = await this.db
      .updateTable('work_orders')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Takes the OT's row lock without changing it, if it is still in one of `statuses`: an append (comment, time)
   * then waits for a concurrent transition and sees its result instead of slipping in after a close.
   */
  async lockIfStatusIn(id: number, statuses: readonly WorkOrderRow['status'][]): Promise<boolean> {
    const result = await this.db
      .updateTable('work_orders')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('id', '=', id)
      .where('status', 'in', [...statuses])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  // --- Assignees ---------------------------------------------------------------------------------------------

  async listAssignees(workOrderId: number): Promise<Person[]> {
    const rows = await this.db
      .selectFrom('work_order_assignees as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .select(['u.id', 'u.display_name'])
      .where('a.work_order_id', '=', workOrderId)
      .orderBy('u.display_name')
      .execute();
    return rows.map((row) => ({ id: Number(row.id), displayName: row.display_name }));
  }

  async isAssignee(workOrderId: number, userId: number): Promise<boolean> {
    const row = await this.db.selectFrom('work_order_assignees').select('user_id').where('work_order_id', '=', workOrderId).where('user_id', '=', userId).executeTakeFirst();
    return row !== undefined;
  }

  async replaceAssignees(workOrderId: number, userIds: readonly number[]): Promise<void> {
    await this.db.deleteFrom('work_order_assignees').where('work_order_id', '=', workOrderId).execute();
    await this.addAssignees(workOrderId, userIds);
  }

  /** Active technicians and managers: who an OT may be assigned to. */
  async activeMaintainers(): Promise<{ id: number; displayName: string; role: (typeof MAINTAINER_ROLES)[number] }[]> {
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'display_name', 'role'])
      .where('is_active', '=', 1)
      .where('role', 'in', MAINTAINER_ROLES)
      .orderBy('display_name')
      .execute();
    return rows.map((row) => ({ id: Number(row.id), displayName: row.display_name, role: row.role as (typeof MAINTAINER_ROLES)[number] }));
  }

  // --- Time entries -----------------------------------------------------------------------------------------

  async listTimeEntries(workOrderId: number): Promise<TimeEntryRow[]> {
    const rows = await this.db
      .selectFrom('time_entries as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .select(['t.id', 't.user_id', 'u.display_name', 't.started_at', 't.ended_at', 't.workstation'])
      .where('t.work_order_id', '=', workOrderId)
      .orderBy('t.started_at')
      .orderBy('t.id')
      .execute();
    return rows.map((row) => ({
      id: Number(row.id),
      userId: Number(row.user_id),
      displayName: row.display_name,
      startedAt: Number(row.started_at),
      endedAt: row.ended_at === null ? null : Number(row.ended_at),
      workstation: row.workstation,
    }));
  }

  async countTimeEntries(workOrderId: number): Promise<number> {
    const row = await this.db.selectFrom('time_entries').select((eb) => eb.fn.countAll<number | string>().as('n')).where('work_order_id', '=', workOrderId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The person's running clock, whatever the OT (at most one: a partial unique index). */
  async runningEntryOf(userId: number): Promise<{ id: number; workOrderId: number; workOrderNumber: string; startedAt: number } | undefined> {
    const row = await this.db
      .selectFrom('time_entries as t')
      .innerJoin('work_orders as w', 'w.id', 't.work_order_id')
      .select(['t.id', 't.work_order_id', 'w.number', 't.started_at'])
      .where('t.user_id', '=', userId)
      .where('t.ended_at', 'is', null)
      .executeTakeFirst();
    return row && { id: Number(row.id), workOrderId: Number(row.work_order_id), workOrderNumber: row.number, startedAt: Number(row.started_at) };
  }

  /** Opens the person's clock; false when one already runs (the partial unique index decides, even under a race). */
  async openEntry(input: { workOrderId: number; userId: number; at: number; workstation: string }): Promise<boolean> {
    const row = await this.db
      .insertInto('time_entries')
      .values({ work_order_id: input.workOrderId, user_id: input.userId, started_at: input.at, ended_at: null, workstation: input.workstation })
      .onConflict((oc) => oc.column('user_id').where('ended_at', 'is', null).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** A finished entry typed by hand (forgotten clock, work done away from the PC). */
  async insertEntry(input: { workOrderId: number; userId: number; startedAt: number; endedAt: number; workstation: string }): Promise<number> {
    const row = await this.db
      .insertInto('time_entries')
      .values({ work_order_id: input.workOrderId, user_id: input.userId, started_at: input.startedAt, ended_at: input.endedAt, workstation: input.workstation })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /** Stops the running clocks on this OT (one person's, or everyone's): the entries stopped, with their owners. */
  async closeRunningEntries(workOrderId: number, at: number, userId?: number): Promise<{ userId: number; startedAt: number }[]> {
    let query = this.db
      .updateTable('time_entries')
      // Never before it started: main's clock may have been moved back between two calls.
      .set({ ended_at: sql<number>`case when started_at > ${at} then started_at else ${at} end` })
      .where('work_order_id', '=', workOrderId)
      .where('ended_at', 'is', null);
    if (userId !== undefined) query = query.where('user_id', '=', userId);
    const rows = await query.returning(['user_id', 'started_at']).execute();
    return rows.map((row) => ({ userId: Number(row.user_id), startedAt: Number(row.started_at) }));
  }

  // --- Comments and history ---------------------------------------------------------------------------------

  async addComment(input: { workOrderId: number; userId: number; body: string; at: number }): Promise<number> {
    const row = await this.db
      .insertInto('work_order_comments')
      .values({ work_order_id: input.workOrderId, user_id: input.userId, body: input.body, created_at: input.at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async listComments(workOrderId: number): Promise<{ id: number; userId: number; displayName: string; body: string; createdAt: number }[]> {
    const rows = await this.db
      .selectFrom('work_order_comments as c')
      .innerJoin('users as u', 'u.id', 'c.user_id')
      .select(['c.id', 'c.user_id', 'u.display_name', 'c.body', 'c.created_at'])
      .where('c.work_order_id', '=', workOrderId)
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute();
    return rows.map((row) => ({ id: Number(row.id), userId: Number(row.user_id), displayName: row.display_name, body: row.body, createdAt: Number(row.created_at) }));
  }

  async listEvents(workOrderId: number): Promise<{ id: number; at: number; userId: number | null; displayName: string | null; workstation: string; kind: string; detail: string }[]> {
    const rows = await this.db
      .selectFrom('work_order_events as e')
      .leftJoin('users as u', 'u.id', 'e.user_id')
      .select(['e.id', 'e.at', 'e.user_id', 'u.display_name', 'e.workstation', 'e.kind', 'e.detail'])
      .where('e.work_order_id', '=', workOrderId)
      .orderBy('e.at')
      .orderBy('e.id')
      .execute();
    return rows.map((row) => ({
      id: Number(row.id),
      at: Number(row.at),
      userId: row.user_id === null ? null : Number(row.user_id),
      displayName: row.display_name ?? null,
      workstation: row.workstation,
      kind: row.kind,
      detail: row.detail,
    }));
  }

  // --- What the OT page shows of other domains --------------------------------------------------------------

  /** The location and its ancestors, site first (a tree of 3 levels at most; a few indexed reads). */
  async locationPath(locationId: number | null): Promise<string[]> {
    const path: string[] = [];
    let id = locationId;
    for (let depth = 0; id !== null && depth < 10; depth += 1) {
      const row = await this.db.selectFrom('locations').select(['name', 'parent_id']).where('id', '=', id).executeTakeFirst();
      if (!row) break;
      path.unshift(row.name);
      id = row.parent_id === null ? null : Number(row.parent_id);
    }
    return path;
  }

  findRequest(id: number): Promise<{ id: number; number: string; symptom: string; machine_stopped: number } | undefined> {
    return this.db.selectFrom('work_requests').select(['id', 'number', 'symptom', 'machine_stopped']).where('id', '=', id).executeTakeFirst();
  }
}
