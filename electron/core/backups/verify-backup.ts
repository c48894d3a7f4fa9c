// Pure (Node; runs in the database worker, see db/db-worker.ts). Checks a private copy of a backup and rebuilds
// it as data only: intact, ours, a schema this app can run, with exactly the schema objects this app's own
// migrations create for its user_version (no extra trigger, view, table or index, none missing or different),
// then its rows copied into a freshly migrated file. Only that rebuilt file is ever restored or kept: a backup
// is data, never code, so nothing from the file but rows can reach the live database.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../kernel/db/migrations';
import { migrate } from '../kernel/db/migrate';
import { openDatabaseFile, type Db } from '../kernel/db/open-database';
import { BackupFileRepository, type SchemaObject } from './backup-file-repository';

export interface VerifyBackupInput {
  /** The private copy to check (the folder's `verification-….partial`); switched to a rollback journal. */
  stagedFile: string;
  /** Where the rebuilt, restorable file goes (created; removed again if the check fails). */
  cleanFile: string;
  appSchemaVersion: number;
  /** The live database's page size: the online copy into it can't change the page size of a WAL database. */
  livePageSize: number;
  nativeBinding?: string;
}

export type SchemaProblemKind = 'extra' | 'missing' | 'different';

export interface SchemaProblem {
  kind: SchemaProblemKind;
  /** table, index, trigger or view. */
  objectType: string;
  objectName: string;
}

/** Why a file is refused; `details` reach the renderer, which words them (in French first). */
export type VerifyBackupOutcome =
  | { ok: true; schemaVersion: number; appVersion: string | null }
  | {
      ok: false;
      code: 'BACKUP_INVALID' | 'BACKUP_TOO_NEW';
      message: string;
      details?: Record<string, string | number>;
      /** For main's log only (SQLite's own words, never shown as is). */
      log?: Record<string, unknown>;
    };

/** Work done so far, in steps (the integrity check, the schema comparison, then one per copied table). */
export interface VerifyStep {
  done: number;
  total: number;
}

export function verifyAndRebuild(input: VerifyBackupInput, onStep: (step: VerifyStep) => void = () => undefined): VerifyBackupOutcome {
  try {
    const found = readStaged(input);
    if (!found.ok) return found;
    const outcome = rebuild(input, found.schemaVersion, found.objects, onStep);
    if (!outcome.ok) fs.rmSync(input.cleanFile, { force: true });
    return outcome.ok ? { ok: true, schemaVersion: found.schemaVersion, appVersion: outcome.appVersion } : outcome;
  } catch (error) {
    // Not an SQLite file at all (SQLITE_NOTADB), truncated, rows that break the app's own constraints…
    fs.rmSync(input.cleanFile, { force: true });
    return { ok: false, code: 'BACKUP_INVALID', message: 'Not a valid GMAO Atelier backup: unreadable', details: { reason: 'unreadable' }, log: { error: String(error) } };
  }
}

/** Applies this app's migrations 1…`version` to an empty database: the schema that version really has. */
export function migrateFreshTo(db: Db, version: number): void {
  migrate(db, MIGRATIONS.slice(0, version));
}

/** What is extra, missing or different in `found` compared with `expected` (sqlite_master rows and columns). */
export function compareSchemas(expected: readonly SchemaObject[], found: readonly SchemaObject[]): SchemaProblem[] {
  const key = (object: SchemaObject) => `${object.type}\u0000${object.name}`;
  const wanted = new Map(expected.map((object) => [key(object), object]));
  const present = new Map(found.map((object) => [key(object), object]));
  const problems: SchemaProblem[] = [];
  for (const [id, object] of present) {
    const reference = wanted.get(id);
    if (!reference) problems.push({ kind: 'extra', objectType: object.type, objectName: object.name });
    else if (!sameObject(reference, object)) problems.push({ kind: 'different', objectType: object.type, objectName: object.name });
  }
  for (const [id, object] of wanted) {
    if (!present.has(id)) problems.push({ kind: 'missing', objectType: object.type, objectName: object.name });
  }
  // Code first (a trigger or view is the dangerous kind), then tables and indexes; stable for the message.
  const rank: Record<string, number> = { trigger: 0, view: 1, table: 2, index: 3 };
  return problems.sort((a, b) => (rank[a.objectType] ?? 9) - (rank[b.objectType] ?? 9) || a.objectName.localeCompare(b.objectName));
}

/** The SQL text as SQLite keeps it, with runs of white space made one space (indentation is not meaning). */
export function normalizeSql(sql: string | null): string | null {
  return sql === null ? null : sql.replace(/\s+/g, ' ').trim();
}

function sameObject(a: SchemaObject, b: SchemaObject): boolean {
  return (
    a.tableName === b.tableName &&
    normalizeSql(a.sql) === normalizeSql(b.sql) &&
    JSON.stringify(a.columns ?? null) === JSON.stringify(b.columns ?? null)
  );
}

type Found = { ok: true; schemaVersion: number; objects: SchemaObject[] } | Extract<VerifyBackupOutcome, { ok: false }>;

function readStaged(input: VerifyBackupInput): Found {
  const db = openDatabaseFile({ file: input.stagedFile, readonly: false, nativeBinding: input.nativeBinding });
  try {
    const copy = new BackupFileRepository(db);
    copy.useRollbackJournal();
    const problems = copy.integrityProblems();
    if (problems.length) return { ok: false, code: 'BACKUP_INVALID', message: 'Not a valid GMAO Atelier backup: integrity check failed', details: { reason: 'integrity' }, log: { problems } };
    const missing = copy.missingTables();
    if (missing.length) {
      return { ok: false, code: 'BACKUP_INVALID', message: `Not a valid GMAO Atelier backup: not a GMAO Atelier database (missing ${missing.join(', ')})`, details: { reason: 'foreign' } };
    }
    const schemaVersion = copy.schemaVersion();
    if (schemaVersion < 1) return { ok: false, code: 'BACKUP_INVALID', message: 'Not a valid GMAO Atelier backup: no schema version', details: { reason: 'foreign' } };
    if (schemaVersion > input.appSchemaVersion) {
      return { ok: false, code: 'BACKUP_TOO_NEW', message: 'The backup comes from a newer version of the app', details: { found: schemaVersion, supported: input.appSchemaVersion } };
    }
    // Nothing else is read from the file before its schema is known to be the app's (its settings table may
    // not even have the columns appVersion reads): that comes from the rebuilt copy.
    return { ok: true, schemaVersion, objects: copy.schemaObjects() };
  } finally {
    db.close();
  }
}

function rebuild(
  input: VerifyBackupInput,
  schemaVersion: number,
  foundObjects: SchemaObject[],
  onStep: (step: VerifyStep) => void,
): { ok: true; appVersion: string | null } | Extract<VerifyBackupOutcome, { ok: false }> {
  fs.rmSync(input.cleanFile, { force: true });
  const db = new Database(input.cleanFile, input.nativeBinding ? { nativeBinding: input.nativeBinding } : {});
  try {
    const clean = new BackupFileRepository(db);
    clean.setNewPageSize(input.livePageSize);
    migrateFreshTo(db, schemaVersion);
    const expected = clean.schemaObjects();
    // The retention gate (schema 7) is not data: it stays as the migration made it, one row, shut, whatever
    // the file says (a file with the gate open would otherwise let any DELETE of the audit log through).
    const tables = expected
      .filter((object) => object.type === 'table' && !object.name.startsWith('sqlite_') && object.name !== 'audit_retention_gate')
      .map((object) => object.name);
    const total = tables.length + 2;
    onStep({ done: 1, total });
    const problems = compareSchemas(expected, foundObjects);
    if (problems.length) {
      const first = problems[0];
      return {
        ok: false,
        code: 'BACKUP_INVALID',
        message: `Not a valid GMAO Atelier backup: its schema differs from what this app creates for version ${schemaVersion} (${problems
          .map((problem) => `${problem.kind} ${problem.objectType} ${problem.objectName}`)
          .join(', ')})`,
        details: { reason: 'schema', problem: first.kind, objectType: first.objectType, objectName: first.objectName.slice(0, 80), problemCount: problems.length },
        log: { problems },
      };
    }
    onStep({ done: 2, total });
    let done = 2;
    clean.copyRowsFrom(input.stagedFile, tables, () => onStep({ done: ++done, total }));
    return { ok: true, appVersion: clean.appVersion() };
  } finally {
    db.close();
  }
}

