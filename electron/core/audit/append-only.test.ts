// The audit log is append-only in the code, not just by promise: across electron/ (tests aside) there is no
// UPDATE of audit_log, no REPLACE into it, no DROP, and exactly one DELETE, the retention prune in the repository.
// The database refuses a DELETE outside the retention gate too (migration 0007, tested at the end); this scan
// keeps the code honest about where the one DELETE lives.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const electronDir = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [full] : [];
  });
}

/** Every SQL statement shape that could change or remove an existing audit row. */
const WRITES = /\b(DELETE\s+FROM|UPDATE(?:\s+OR\s+\w+)?|REPLACE\s+INTO|INSERT\s+OR\s+REPLACE\s+INTO|DROP\s+TABLE(?:\s+IF\s+EXISTS)?|ALTER\s+TABLE|TRUNCATE(?:\s+TABLE)?)\s+["`[]?audit_log\b/gi;
/**
 * The same through Kysely's builder: `.deleteFrom('audit_log')`, `.updateTable('audit_log as a')`, a list of
 * tables, an upsert's `replaceInto`/`mergeInto`. Named after the SQL they write, so a hit reads the same.
 */
const BUILDER_WRITES = /\.\s*(deleteFrom|updateTable|replaceInto|mergeInto)\s*\(\s*(?:\[[^\]]*?)?["'`]audit_log\b/g;
const BUILDER_STATEMENT: Record<string, string> = { deletefrom: 'DELETE FROM', updatetable: 'UPDATE', replaceinto: 'REPLACE INTO', mergeinto: 'MERGE INTO' };

function writesIn(text: string): string[] {
  return [
    ...[...text.matchAll(WRITES)].map((match) => match[1].toUpperCase()),
    ...[...text.matchAll(BUILDER_WRITES)].map((match) => BUILDER_STATEMENT[match[1].toLowerCase()]),
  ];
}

describe('audit log: append-only in the code', () => {
  const files = sourceFiles(electronDir);
  const hits = files.flatMap((file) => writesIn(fs.readFileSync(file, 'utf8')).map((statement) => ({ file: path.relative(electronDir, file), statement })));

  it('scans a real tree', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((file) => file.endsWith('audit-repository.ts'))).toBe(true);
  });

  it('has one DELETE, the retention prune in the repository, and nothing else', () => {
    expect(hits).toEqual([{ file: path.join('core', 'kernel', 'audit-trail', 'audit-repository.ts'), statement: 'DELETE FROM' }]);
  });

  it('recognises the shapes it looks for (the pattern itself is tested)', () => {
    const samples = ['DELETE FROM audit_log', 'update audit_log set', 'UPDATE OR REPLACE audit_log', 'REPLACE INTO audit_log', 'INSERT OR REPLACE INTO "audit_log"', 'DROP TABLE IF EXISTS audit_log', 'ALTER TABLE audit_log'];
    for (const sample of samples) expect(writesIn(sample), sample).toHaveLength(1);
    expect(writesIn('CREATE TRIGGER x BEFORE UPDATE ON audit_log')).toEqual([]);
    expect(writesIn('INSERT INTO audit_log (occurred_at)')).toEqual([]);
  });

  it('recognises the Kysely builder calls that write audit_log, and not the ones that read or append', () => {
    const samples: [string, string][] = [
      [".deleteFrom('audit_log')", 'DELETE FROM'],
      ['db.deleteFrom("audit_log").where(…)', 'DELETE FROM'],
      ['trx\n  .deleteFrom(`audit_log as a`)', 'DELETE FROM'],
      [".updateTable('audit_log')", 'UPDATE'],
      [".updateTable( 'audit_log as a' )", 'UPDATE'],
      [".updateTable(['users', 'audit_log'])", 'UPDATE'],
      [".replaceInto('audit_log')", 'REPLACE INTO'],
      [".mergeInto('audit_log as target')", 'MERGE INTO'],
    ];
    for (const [sample, statement] of samples) expect(writesIn(sample), sample).toEqual([statement]);
    expect(writesIn(".insertInto('audit_log').values(row)")).toEqual([]);
    expect(writesIn(".selectFrom('audit_log')")).toEqual([]);
    expect(writesIn(".updateTable('audit_retention_gate')")).toEqual([]);
    expect(writesIn(".deleteFrom('audit_log_archive')")).toEqual([]);
  });
});

// The same promise kept by the database (migration 0007), on the test engine (SQLite or PostgreSQL): a DELETE
// from anywhere but the retention prune, including one fired by a trigger smuggled in, is refused; the prune
// still works, inside its transaction, and leaves the gate shut.
describe('audit log: DELETE refused by the database outside retention', () => {
  it('refuses a plain DELETE, a DELETE from a trigger, and the removal of the gate row', async () => {
    const { createTestCore } = await import('../../../tests/support/test-core');
    const { AuditRepository } = await import('../kernel/audit-trail/audit-repository');
    const { sql } = await import('kysely');
    const core = await createTestCore();
    try {
      const db = core.database.kysely;
      const audit = new AuditRepository(db, 'POSTE');
      const count = async () => Number((await sql<{ n: number | string }>`select count(*) as n from audit_log`.execute(db)).rows[0].n);
      const gate = async () => Number((await sql<{ is_open: number }>`select is_open from audit_retention_gate`.execute(db)).rows[0].is_open);
      // Recent instants: the start-up prune, which may still be running, never touches them.
      const now = core.clock.now();
      await audit.append({ eventType: 'logout' }, now - 2_000);
      await audit.append({ eventType: 'logout' }, now - 1_000);
      const first = (await audit.recent(2)).at(-1)!.id;
      await expect(sql`delete from audit_log where id = ${first}`.execute(db)).rejects.toThrow(/only deleted by retention/);
      // What a hostile trigger would do: delete each new audit row as it is written.
      if (core.database.engine === 'sqlite') {
        await sql`create temp trigger eat_audit after insert on main.audit_log begin delete from audit_log where id = new.id; end`.execute(db);
      } else {
        await sql`create function eat_audit() returns trigger language plpgsql as $$ begin delete from audit_log where id = new.id; return null; end; $$`.execute(db);
        await sql`create trigger eat_audit after insert on audit_log for each row execute function eat_audit()`.execute(db);
        // PostgreSQL has TRUNCATE, which skips row triggers: refused on its own.
        await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
      }
      await expect(audit.append({ eventType: 'logout' }, now)).rejects.toThrow(/only deleted by retention/);
      await sql`drop trigger ${sql.raw(core.database.engine === 'sqlite' ? 'temp.eat_audit' : 'eat_audit on audit_log')}`.execute(db);
      await expect(sql`delete from audit_retention_gate`.execute(db)).rejects.toThrow(/keeps its row/);
      await expect(sql`update audit_retention_gate set is_open = 1`.execute(db)).resolves.toBeDefined();
      // A gate left open outside a transaction is possible only by writing it directly; shut it again.
      await sql`update audit_retention_gate set is_open = 0`.execute(db);
      expect(await count()).toBe(2);
      // The retention path still deletes (inside its transaction) and leaves the gate shut.
      expect(await core.database.transaction((trx) => audit.in(trx).deleteOlderThan(now - 1_500))).toBe(1);
      expect(await gate()).toBe(0);
      expect(await count()).toBe(1);
    } finally {
      await core.dispose();
    }
  });
});
