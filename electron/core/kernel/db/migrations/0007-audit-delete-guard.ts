// Pure. Issue 11: the audit log refuses DELETE too, except inside the retention prune. A trigger cannot tell
// who deletes, so the prune opens a one-row gate in its own transaction (opened, rows deleted, gate closed,
// prune audited, all committed together): no other connection ever sees the gate open, and a DELETE from
// anywhere else (a trigger smuggled in, a stray statement) is refused by the database.
import { postgresScript, type Migration } from './migration';

export const migration0007: Migration = {
  version: 7,
  name: 'audit-delete-guard',
  up(db) {
    db.exec(`
      -- Exactly one row; is_open is 1 only between the prune's two statements, inside its transaction.
      CREATE TABLE audit_retention_gate (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        is_open INTEGER NOT NULL DEFAULT 0 CHECK (is_open IN (0, 1))
      );
      INSERT INTO audit_retention_gate (id, is_open) VALUES (1, 0);

      CREATE TRIGGER audit_log_delete_guard BEFORE DELETE ON audit_log
      WHEN (SELECT is_open FROM audit_retention_gate WHERE id = 1) IS NOT 1
      BEGIN
        SELECT RAISE(ABORT, 'audit_log rows are only deleted by retention');
      END;

      -- The gate row itself can neither go away nor be duplicated: the guard would otherwise fail open or shut.
      CREATE TRIGGER audit_retention_gate_keep BEFORE DELETE ON audit_retention_gate
      BEGIN
        SELECT RAISE(ABORT, 'audit_retention_gate keeps its row');
      END;
    `);
  },
  // PostgreSQL: the same gate; TRUNCATE skips row triggers, so it is refused on its own.
  postgres: postgresScript(`
      CREATE TABLE audit_retention_gate (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        is_open INTEGER NOT NULL DEFAULT 0 CHECK (is_open IN (0, 1))
      );
      INSERT INTO audit_retention_gate (id, is_open) VALUES (1, 0);

      CREATE FUNCTION audit_log_delete_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT is_open FROM audit_retention_gate WHERE id = 1) IS DISTINCT FROM 1 THEN
          RAISE EXCEPTION 'audit_log rows are only deleted by retention';
        END IF;
        RETURN OLD;
      END;
      $$;
      CREATE TRIGGER audit_log_delete_guard BEFORE DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_delete_guard();

      CREATE FUNCTION audit_log_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END;
      $$;
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_no_truncate();

      CREATE FUNCTION audit_retention_gate_keep() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_retention_gate keeps its row';
      END;
      $$;
      CREATE TRIGGER audit_retention_gate_keep BEFORE DELETE ON audit_retention_gate
        FOR EACH ROW EXECUTE FUNCTION audit_retention_gate_keep();
    `),
};
