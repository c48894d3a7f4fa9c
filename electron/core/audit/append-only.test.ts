// The audit log is append-only in the code, not just by promise: across electron/ (tests aside) there is no
// UPDATE of audit_log, no REPLACE into it, no DROP, and exactly one DELETE, the retention prune in the repository.
// SQLite cannot tell a prune from any other DELETE in a trigger, so this scan is the guard.
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
