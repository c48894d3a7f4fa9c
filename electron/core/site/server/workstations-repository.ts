// Node (site server). All SQL about the client PCs a site server knows (`workstations`) and the one-time codes that
// enrol them (`enrolment_codes`), the enrolment throttle counts in `login_throttle` (kernel/db/window-counter-repository.ts).
// Several server processes may share one PostgreSQL database: a code is spent by ONE conditional UPDATE and a
// failure counted by ONE upsert, never read here and written back from code.
import type { Selectable } from 'kysely';
import type { Executor } from '../../kernel/db/database';
import type { WorkstationsTable } from '../../kernel/db/schema';


export interface WorkstationRecord {
  id: number;
  name: string;
  credentialHash: string;
  enrolledBy: number | null;
  enrolledAt: number;
  lastSeenAt: number | null;
  lastAddress: string | null;
  appVersion: string | null;
  revokedAt: number | null;
}

export interface WorkstationListRow extends WorkstationRecord {
  enrolledByDisplayName: string | null;
}

const nullableNumber = (value: number | null) => (value === null ? null : Number(value));

const toRecord = (row: Selectable<WorkstationsTable>): WorkstationRecord => ({
  id: Number(row.id),
  name: row.name,
  credentialHash: row.credential_hash,
  enrolledBy: nullableNumber(row.enrolled_by),
  enrolledAt: Number(row.enrolled_at),
  lastSeenAt: nullableNumber(row.last_seen_at),
  lastAddress: row.last_address,
  appVersion: row.app_version,
  revokedAt: nullableNumber(row.revoked_at),
});

export class WorkstationsRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): WorkstationsRepository {
    return new WorkstationsRepository(trx);
  }

  async insert(values: { name: string; credentialHash: string; enrolledBy: number | null; enrolledAt: number; appVersion: string; address: string | null }): Promise<number> {
    const row = await this.db
      .insertInto('workstations')
      .values({
        name: values.name,
        credential_hash: values.credentialHash,
        enrolled_by: values.enrolledBy,
        enrolled_at: values.enrolledAt,
        app_version: values.appVersion,
        last_address: values.address,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async findById(id: number): Promise<WorkstationRecord | null> {
    const row = await this.db.selectFrom('workstations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** Newest first, revoked ones included, with the name of the administrator whose code enrolled each. */
  async list(): Promise<WorkstationListRow[]> {
    const rows = await this.db
      .selectFrom('workstations')
      .leftJoin('users', 'users.id', 'workstations.enrolled_by')
      .selectAll('workstations')
      .select('users.display_name as enrolled_by_display_name')
      .orderBy('workstations.enrolled_at', 'desc')
      .orderBy('workstations.id', 'desc')
      .execute();
    return rows.map((row) => ({ ...toRecord(row), enrolledByDisplayName: row.enrolled_by_display_name ?? null }));
  }

  /** Seen just now, from this address, running this version. */
  async touch(id: number, values: { now: number; address: string | null; appVersion: string | null }): Promise<void> {
    await this.db
      .updateTable('workstations')
      .set({ last_seen_at: values.now, last_address: values.address, app_version: values.appVersion })
      .where('id', '=', id)
      .execute();
  }

  /** True when this call revoked it (false: unknown or already revoked). */
  async revoke(id: number, values: { now: number; by: number }): Promise<boolean> {
    const result = await this.db
      .updateTable('workstations')
      .set({ revoked_at: values.now, revoked_by: values.by })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async insertCode(values: { codeHash: string; createdBy: number; createdAt: number; expiresAt: number }): Promise<void> {
    await this.db
      .insertInto('enrolment_codes')
      .values({ code_hash: values.codeHash, created_by: values.createdBy, created_at: values.createdAt, expires_at: values.expiresAt })
      .execute();
  }

  /**
   * Spends a code, in one statement: only an unused, unexpired one is marked used, so two PCs presenting the same
   * code at once (even to two server processes) cannot both get it. Answers who created it, or null.
   */
  async claimCode(codeHash: string, now: number): Promise<{ id: number; createdBy: number } | null> {
    const row = await this.db
      .updateTable('enrolment_codes')
      .set({ used_at: now })
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['id', 'created_by'])
      .executeTakeFirst();
    return row ? { id: Number(row.id), createdBy: Number(row.created_by) } : null;
  }

  async linkCode(codeId: number, workstationId: number): Promise<void> {
    await this.db.updateTable('enrolment_codes').set({ workstation_id: workstationId }).where('id', '=', codeId).execute();
  }

  /** Codes long expired or used are of no use to anyone: the table stays small. */
  async deleteCodesBefore(before: number): Promise<void> {
    await this.db.deleteFrom('enrolment_codes').where('expires_at', '<', before).execute();
  }
}
