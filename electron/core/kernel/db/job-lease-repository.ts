// Pure (Node). All SQL about job leases (table `job_leases`, one row per site-wide job): which process may run a
// scheduled job right now. Several processes share one database (two server processes on one PostgreSQL, two OS
// accounts on one SQLite file), so a lease is claimed, renewed and released by ONE conditional statement each,
// never read here and written back from code: of two processes claiming at once, exactly one gets the row.
import type { ExpressionBuilder } from 'kysely';
import type { Executor } from './database';
import type { JobLeasesTable, Schema } from './schema';

type UpsertBuilder = ExpressionBuilder<Schema & { excluded: JobLeasesTable }, 'job_leases' | 'excluded'>;

export interface JobLease {
  name: string;
  holder: string;
  leaseUntil: number;
}

export class JobLeaseRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Takes or keeps the lease of `name` for `holder` until `until`, in one statement: a new row, or the row taken
   * over when it is already this holder's or its lease ran out (`lease_until <= now`). Answers whether `holder`
   * now holds it; false means another process holds a live lease and the row was left as it was.
   */
  async claim(name: string, holder: string, now: number, until: number): Promise<boolean> {
    const rows = await this.db
      .insertInto('job_leases')
      .values({ name, holder, lease_until: until })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet((eb: UpsertBuilder) => ({ holder: eb.ref('excluded.holder'), lease_until: eb.ref('excluded.lease_until') }))
          .where((eb: UpsertBuilder) => eb.or([eb('job_leases.holder', '=', eb.ref('excluded.holder')), eb('job_leases.lease_until', '<=', now)])),
      )
      .returning('holder')
      .execute();
    return rows.length === 1 && rows[0].holder === holder;
  }

  /** Extends every lease `holder` still has (one statement); answers the names it still holds. */
  async renewAll(holder: string, until: number): Promise<string[]> {
    const rows = await this.db.updateTable('job_leases').set({ lease_until: until }).where('holder', '=', holder).returning('name').execute();
    return rows.map((row) => row.name).sort();
  }

  /** Gives back every lease of `holder` (its process closes): another process may claim them at once. */
  async releaseAll(holder: string): Promise<void> {
    await this.db.deleteFrom('job_leases').where('holder', '=', holder).execute();
  }

  async list(): Promise<JobLease[]> {
    const rows = await this.db.selectFrom('job_leases').selectAll().orderBy('name').execute();
    return rows.map((row) => ({ name: row.name, holder: row.holder, leaseUntil: Number(row.lease_until) }));
  }
}
