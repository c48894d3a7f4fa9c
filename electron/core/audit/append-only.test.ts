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

describe('audit log: append-only in the code', () => {
  const files = sourceFiles(electronDir);
  const hits = files.flatMap((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(WRITES)].map((match) => ({ file: path.relative(electronDir, file), statement: match[1].toUpperCase() })),
  );

  it('scans a real tree', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((file) => file.endsWith('audit-repository.ts'))).toBe(true);
  });

  it('has one DELETE, the retention prune in the repository, and nothing else', () => {
    expect(hits).toEqual([{ file: path.join('core', 'kernel', 'audit-trail', 'audit-repository.ts'), statement: 'DELETE FROM' }]);
  });

  it('recognises the shapes it looks for (the pattern itself is tested)', () => {
    const samples = ['DELETE FROM audit_log', 'update audit_log set', 'UPDATE OR REPLACE audit_log', 'REPLACE INTO audit_log', 'INSERT OR REPLACE INTO "audit_log"', 'DROP TABLE IF EXISTS audit_log', 'ALTER TABLE audit_log'];
    for (const sample of samples) expect(sample.match(WRITES), sample).not.toBeNull();
    expect('CREATE TRIGGER x BEFORE UPDATE ON audit_log'.match(WRITES)).toBeNull();
    expect('INSERT INTO audit_log (occurred_at)'.match(WRITES)).toBeNull();
  });
});

// The same promise kept by the database (migration 0007): a DELETE from anywhere but the retention prune,
// including a trigger smuggled in through a restored backup, is refused; the prune still works and is audited.
describe('audit log: DELETE refused by the database outside retention', () => {
  it('refuses a plain DELETE, a DELETE from a trigger, and the removal of the gate row', async () => {
    const { createTestCore } = await import('../../../tests/support/test-core');
    const { AuditRepository } = await import('../kernel/audit-trail/audit-repository');
    const core = createTestCore();
    try {
      const audit = new AuditRepository(core.db, 'POSTE');
      audit.append({ eventType: 'logout' }, 1_000);
      audit.append({ eventType: 'logout' }, 2_000);
      expect(() => core.db.prepare('DELETE FROM audit_log WHERE id = 1').run()).toThrow(/only deleted by retention/);
      // What a hostile trigger would do: delete each new audit row as it is written.
      core.db.exec('CREATE TEMP TRIGGER eat_audit AFTER INSERT ON main.audit_log BEGIN DELETE FROM audit_log WHERE id = new.id; END');
      expect(() => audit.append({ eventType: 'logout' }, 3_000)).toThrow(/only deleted by retention/);
      core.db.exec('DROP TRIGGER temp.eat_audit');
      expect(() => core.db.prepare('DELETE FROM audit_retention_gate').run()).toThrow(/keeps its row/);
      expect(() => core.db.prepare('UPDATE audit_retention_gate SET is_open = 1').run()).not.toThrow();
      // A gate left open outside a transaction is possible only by writing it directly; shut it again.
      core.db.prepare('UPDATE audit_retention_gate SET is_open = 0').run();
      expect(core.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(2);
      // The retention path still deletes (inside its transaction) and leaves the gate shut.
      expect(core.db.transaction(() => audit.deleteOlderThan(1_500))()).toBe(1);
      expect(core.db.prepare('SELECT is_open FROM audit_retention_gate').pluck().get()).toBe(0);
    } finally {
      core.dispose();
    }
  });
});
