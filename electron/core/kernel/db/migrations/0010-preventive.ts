// Pure. Issue 14: the maintenance itself, part 2 — préventif. Compteurs and relevés, gammes (checklists) and the
// steps an OT copies from its gamme, plans de maintenance with their triggers, their per-equipment schedules and
// every occurrence they generate (the generator's idempotence key), the site's holidays and each technician's
// capacity for the planning. Conventions as in 0009: instants are epoch ms, local dates are 'YYYY-MM-DD' text in
// the site's time zone, flags 0/1, meter values REAL (DOUBLE PRECISION on PostgreSQL).
import { postgresScript, type Migration } from './migration';

export const migration0010: Migration = {
  version: 10,
  name: 'preventive',
  up(db) {
    db.exec(`
      -- Compteurs (meters) of an equipment: hours, cycles, km, pieces… last_* is the latest reading, kept in step
      -- by the same transaction that inserts a reading (a conditional UPDATE refuses a value below it unless the
      -- reading is flagged as a reset), so two PCs entering readings at once can't both pass the check.
      -- last_total is the meter's cumulative usage: readings restart at 0 after "remise à zéro / compteur
      -- changé", the total never does, and every meter trigger and forecast works on totals.
      CREATE TABLE meters (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        equipment_id INTEGER NOT NULL REFERENCES equipment(id),
        name TEXT NOT NULL,
        unit TEXT NOT NULL,
        is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
        last_value REAL,
        last_total REAL,
        last_read_at INTEGER,
        last_reading_id INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (equipment_id, name)
      );

      -- Relevés: who, when, from which workstation; total = cumulative usage after this reading.
      CREATE TABLE meter_readings (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        meter_id INTEGER NOT NULL REFERENCES meters(id),
        value REAL NOT NULL,
        total REAL NOT NULL,
        is_reset INTEGER NOT NULL DEFAULT 0 CHECK (is_reset IN (0,1)),
        read_at INTEGER NOT NULL,
        user_id INTEGER REFERENCES users(id),
        workstation TEXT NOT NULL,
        work_order_id INTEGER REFERENCES work_orders(id),
        note TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX meter_readings_meter ON meter_readings(meter_id, read_at);

      -- Gammes: an ordered list of steps, reusable across plans. Editing a gamme never changes an OT already made:
      -- the OT copies the steps (work_order_steps).
      CREATE TABLE checklists (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        code TEXT NOT NULL COLLATE NOCASE UNIQUE,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
        version INTEGER NOT NULL DEFAULT 1,
        search_text TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE checklist_steps (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        checklist_id INTEGER NOT NULL REFERENCES checklists(id),
        position INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('check','measurement','text','photo','meter')),
        label TEXT NOT NULL,
        required INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0,1)),
        unit TEXT,
        min_value REAL,
        max_value REAL,
        help TEXT,
        UNIQUE (checklist_id, position)
      );

      -- The steps of one OT (copied from its gamme when the OT is made) and the technician's answers.
      CREATE TABLE work_order_steps (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        work_order_id INTEGER NOT NULL REFERENCES work_orders(id),
        position INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('check','measurement','text','photo','meter')),
        label TEXT NOT NULL,
        required INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0,1)),
        unit TEXT,
        min_value REAL,
        max_value REAL,
        help TEXT,
        check_result TEXT CHECK (check_result IN ('ok','nok','na')),
        number_value REAL,
        text_value TEXT,
        attachment_id INTEGER REFERENCES attachments(id),
        meter_id INTEGER REFERENCES meters(id),
        reading_id INTEGER REFERENCES meter_readings(id),
        out_of_limits INTEGER NOT NULL DEFAULT 0 CHECK (out_of_limits IN (0,1)),
        answered_by INTEGER REFERENCES users(id),
        answered_at INTEGER,
        follow_up_request_id INTEGER REFERENCES work_requests(id),
        follow_up_work_order_id INTEGER REFERENCES work_orders(id),
        UNIQUE (work_order_id, position)
      );

      -- The site's public holidays (jours fériés), as local dates 'YYYY-MM-DD': calendar plans may skip them.
      CREATE TABLE site_holidays (
        day TEXT PRIMARY KEY,
        label TEXT NOT NULL
      );

      -- Each technician's working time per week, for the planning's load against capacity (35 h when absent).
      CREATE TABLE technician_capacity (
        user_id INTEGER PRIMARY KEY REFERENCES users(id),
        weekly_minutes INTEGER NOT NULL CHECK (weekly_minutes >= 0),
        updated_at INTEGER NOT NULL
      );

      -- Plans de maintenance: which gamme, on which equipment (or every equipment of a category), how often.
      -- triggers is JSON, one or two triggers (two = whichever comes first), validated by
      -- shared/preventive/triggers.ts. version is bumped by every edit (compare-and-set); a change only ever
      -- affects occurrences not yet generated.
      CREATE TABLE pm_plans (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        code TEXT NOT NULL COLLATE NOCASE UNIQUE,
        name TEXT NOT NULL,
        equipment_id INTEGER REFERENCES equipment(id),
        category TEXT,
        checklist_id INTEGER REFERENCES checklists(id),
        work_type TEXT NOT NULL DEFAULT 'preventive' CHECK (work_type IN ('preventive','safety','regulatory')),
        priority INTEGER NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 4),
        estimated_minutes INTEGER,
        lead_days INTEGER NOT NULL DEFAULT 0 CHECK (lead_days >= 0),
        tolerance_days INTEGER NOT NULL DEFAULT 0 CHECK (tolerance_days >= 0),
        tolerance_units REAL NOT NULL DEFAULT 0 CHECK (tolerance_units >= 0),
        triggers TEXT NOT NULL,
        instructions TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','paused','archived')),
        version INTEGER NOT NULL DEFAULT 1,
        search_text TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK ((equipment_id IS NULL) <> (category IS NULL))
      );
      CREATE INDEX pm_plans_equipment ON pm_plans(equipment_id);
      CREATE INDEX pm_plans_category ON pm_plans(category);

      -- The plan's assignee, or its team: every user listed is assigned to the OTs it makes.
      CREATE TABLE pm_plan_assignees (
        plan_id INTEGER NOT NULL REFERENCES pm_plans(id),
        user_id INTEGER NOT NULL REFERENCES users(id),
        PRIMARY KEY (plan_id, user_id)
      );

      -- One row per plan × equipment it applies to: the completion base of floating triggers (and of the trigger
      -- that restarts after a whichever-first), and the next due occurrence the generator keeps current (the
      -- calendar and the 12-month forecast read it without recomputing every plan).
      CREATE TABLE pm_schedules (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        plan_id INTEGER NOT NULL REFERENCES pm_plans(id),
        equipment_id INTEGER NOT NULL REFERENCES equipment(id),
        base_date TEXT,
        base_total REAL,
        last_done_at INTEGER,
        next_due_at INTEGER,
        next_due_date TEXT,
        next_due_total REAL,
        next_key TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (plan_id, equipment_id)
      );
      CREATE INDEX pm_schedules_next_due ON pm_schedules(next_due_at);

      -- Every occurrence of a plan on an equipment, generated or missed. UNIQUE (plan, equipment, key) is what makes
      -- the generator idempotent: a second pass, a second process on the same PostgreSQL or a replay after a crash
      -- inserts nothing (INSERT … ON CONFLICT DO NOTHING) and so makes no second OT. occurrence_key names the
      -- occurrence ('D:2027-03-31', 'M:1500', 'C:<reading id>'). Missed occurrences (the PC was off) are kept with
      -- status 'missed' and no OT: they count as due and not done in PM compliance. The tolerance window is
      -- stored with the occurrence so compliance is one SQL aggregate and a later plan edit doesn't rewrite history.
      CREATE TABLE pm_occurrences (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        plan_id INTEGER NOT NULL REFERENCES pm_plans(id),
        equipment_id INTEGER NOT NULL REFERENCES equipment(id),
        location_id INTEGER REFERENCES locations(id),
        occurrence_key TEXT NOT NULL,
        trigger_kind TEXT NOT NULL,
        due_at INTEGER NOT NULL,
        due_date TEXT NOT NULL,
        due_total REAL,
        window_start_at INTEGER NOT NULL,
        window_end_at INTEGER NOT NULL,
        tolerance_units REAL,
        status TEXT NOT NULL CHECK (status IN ('generated','missed','done','cancelled')),
        late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0,1)),
        work_order_id INTEGER REFERENCES work_orders(id),
        done_at INTEGER,
        done_total REAL,
        created_at INTEGER NOT NULL,
        UNIQUE (plan_id, equipment_id, occurrence_key)
      );
      CREATE INDEX pm_occurrences_due ON pm_occurrences(due_at);
      CREATE INDEX pm_occurrences_work_order ON pm_occurrences(work_order_id);

      ALTER TABLE work_orders ADD COLUMN pm_occurrence_id INTEGER REFERENCES pm_occurrences(id);
      ALTER TABLE work_orders ADD COLUMN checklist_id INTEGER REFERENCES checklists(id);
      -- Belt and braces: one OT per occurrence, whatever the code does.
      CREATE UNIQUE INDEX work_orders_pm_occurrence ON work_orders(pm_occurrence_id) WHERE pm_occurrence_id IS NOT NULL;
      CREATE INDEX work_orders_planned ON work_orders(planned_at, id);
    `);
  },
  postgres: postgresScript(`
      -- Compteurs (meters) of an equipment: hours, cycles, km, pieces… last_* is the latest reading, kept in step
      -- by the same transaction that inserts a reading (a conditional UPDATE refuses a value below it unless the
      -- reading is flagged as a reset), so two PCs entering readings at once can't both pass the check.
      -- last_total is the meter's cumulative usage: readings restart at 0 after "remise à zéro / compteur
      -- changé", the total never does, and every meter trigger and forecast works on totals.
      CREATE TABLE meters (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        equipment_id BIGINT NOT NULL REFERENCES equipment(id),
        name TEXT NOT NULL,
        unit TEXT NOT NULL,
        is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
        last_value DOUBLE PRECISION,
        last_total DOUBLE PRECISION,
        last_read_at BIGINT,
        last_reading_id BIGINT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        UNIQUE (equipment_id, name)
      );

      -- Relevés: who, when, from which workstation; total = cumulative usage after this reading.
      CREATE TABLE meter_readings (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        meter_id BIGINT NOT NULL REFERENCES meters(id),
        value DOUBLE PRECISION NOT NULL,
        total DOUBLE PRECISION NOT NULL,
        is_reset INTEGER NOT NULL DEFAULT 0 CHECK (is_reset IN (0,1)),
        read_at BIGINT NOT NULL,
        user_id BIGINT REFERENCES users(id),
        workstation TEXT NOT NULL,
        work_order_id BIGINT REFERENCES work_orders(id),
        note TEXT,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX meter_readings_meter ON meter_readings(meter_id, read_at);

      -- Gammes: an ordered list of steps, reusable across plans. Editing a gamme never changes an OT already made:
      -- the OT copies the steps (work_order_steps).
      CREATE TABLE checklists (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        code TEXT NOT NULL COLLATE nocase UNIQUE,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
        version INTEGER NOT NULL DEFAULT 1,
        search_text TEXT NOT NULL,
        created_by BIGINT REFERENCES users(id),
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );

      CREATE TABLE checklist_steps (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        checklist_id BIGINT NOT NULL REFERENCES checklists(id),
        position INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('check','measurement','text','photo','meter')),
        label TEXT NOT NULL,
        required INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0,1)),
        unit TEXT,
        min_value DOUBLE PRECISION,
        max_value DOUBLE PRECISION,
        help TEXT,
        UNIQUE (checklist_id, position)
      );

      -- The steps of one OT (copied from its gamme when the OT is made) and the technician's answers.
      CREATE TABLE work_order_steps (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        work_order_id BIGINT NOT NULL REFERENCES work_orders(id),
        position INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('check','measurement','text','photo','meter')),
        label TEXT NOT NULL,
        required INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0,1)),
        unit TEXT,
        min_value DOUBLE PRECISION,
        max_value DOUBLE PRECISION,
        help TEXT,
        check_result TEXT CHECK (check_result IN ('ok','nok','na')),
        number_value DOUBLE PRECISION,
        text_value TEXT,
        attachment_id BIGINT REFERENCES attachments(id),
        meter_id BIGINT REFERENCES meters(id),
        reading_id BIGINT REFERENCES meter_readings(id),
        out_of_limits INTEGER NOT NULL DEFAULT 0 CHECK (out_of_limits IN (0,1)),
        answered_by BIGINT REFERENCES users(id),
        answered_at BIGINT,
        follow_up_request_id BIGINT REFERENCES work_requests(id),
        follow_up_work_order_id BIGINT REFERENCES work_orders(id),
        UNIQUE (work_order_id, position)
      );

      -- The site's public holidays (jours fériés), as local dates 'YYYY-MM-DD': calendar plans may skip them.
      CREATE TABLE site_holidays (
        day TEXT PRIMARY KEY,
        label TEXT NOT NULL
      );

      -- Each technician's working time per week, for the planning's load against capacity (35 h when absent).
      CREATE TABLE technician_capacity (
        user_id BIGINT PRIMARY KEY REFERENCES users(id),
        weekly_minutes INTEGER NOT NULL CHECK (weekly_minutes >= 0),
        updated_at BIGINT NOT NULL
      );

      -- Plans de maintenance: which gamme, on which equipment (or every equipment of a category), how often.
      -- triggers is JSON, one or two triggers (two = whichever comes first), validated by
      -- shared/preventive/triggers.ts. version is bumped by every edit (compare-and-set); a change only ever
      -- affects occurrences not yet generated.
      CREATE TABLE pm_plans (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        code TEXT NOT NULL COLLATE nocase UNIQUE,
        name TEXT NOT NULL,
        equipment_id BIGINT REFERENCES equipment(id),
        category TEXT,
        checklist_id BIGINT REFERENCES checklists(id),
        work_type TEXT NOT NULL DEFAULT 'preventive' CHECK (work_type IN ('preventive','safety','regulatory')),
        priority INTEGER NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 4),
        estimated_minutes INTEGER,
        lead_days INTEGER NOT NULL DEFAULT 0 CHECK (lead_days >= 0),
        tolerance_days INTEGER NOT NULL DEFAULT 0 CHECK (tolerance_days >= 0),
        tolerance_units DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (tolerance_units >= 0),
        triggers TEXT NOT NULL,
        instructions TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','paused','archived')),
        version INTEGER NOT NULL DEFAULT 1,
        search_text TEXT NOT NULL,
        created_by BIGINT REFERENCES users(id),
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        CHECK ((equipment_id IS NULL) <> (category IS NULL))
      );
      CREATE INDEX pm_plans_equipment ON pm_plans(equipment_id);
      CREATE INDEX pm_plans_category ON pm_plans(category);

      -- The plan's assignee, or its team: every user listed is assigned to the OTs it makes.
      CREATE TABLE pm_plan_assignees (
        plan_id BIGINT NOT NULL REFERENCES pm_plans(id),
        user_id BIGINT NOT NULL REFERENCES users(id),
        PRIMARY KEY (plan_id, user_id)
      );

      -- One row per plan × equipment it applies to: the completion base of floating triggers (and of the trigger
      -- that restarts after a whichever-first), and the next due occurrence the generator keeps current (the
      -- calendar and the 12-month forecast read it without recomputing every plan).
      CREATE TABLE pm_schedules (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        plan_id BIGINT NOT NULL REFERENCES pm_plans(id),
        equipment_id BIGINT NOT NULL REFERENCES equipment(id),
        base_date TEXT,
        base_total DOUBLE PRECISION,
        last_done_at BIGINT,
        next_due_at BIGINT,
        next_due_date TEXT,
        next_due_total DOUBLE PRECISION,
        next_key TEXT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        UNIQUE (plan_id, equipment_id)
      );
      CREATE INDEX pm_schedules_next_due ON pm_schedules(next_due_at);

      -- Every occurrence of a plan on an equipment, generated or missed. UNIQUE (plan, equipment, key) is what makes
      -- the generator idempotent: a second pass, a second process on the same PostgreSQL or a replay after a crash
      -- inserts nothing (INSERT … ON CONFLICT DO NOTHING) and so makes no second OT. occurrence_key names the
      -- occurrence ('D:2027-03-31', 'M:1500', 'C:<reading id>'). Missed occurrences (the PC was off) are kept with
      -- status 'missed' and no OT: they count as due and not done in PM compliance. The tolerance window is
      -- stored with the occurrence so compliance is one SQL aggregate and a later plan edit doesn't rewrite history.
      CREATE TABLE pm_occurrences (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        plan_id BIGINT NOT NULL REFERENCES pm_plans(id),
        equipment_id BIGINT NOT NULL REFERENCES equipment(id),
        location_id BIGINT REFERENCES locations(id),
        occurrence_key TEXT NOT NULL,
        trigger_kind TEXT NOT NULL,
        due_at BIGINT NOT NULL,
        due_date TEXT NOT NULL,
        due_total DOUBLE PRECISION,
        window_start_at BIGINT NOT NULL,
        window_end_at BIGINT NOT NULL,
        tolerance_units DOUBLE PRECISION,
        status TEXT NOT NULL CHECK (status IN ('generated','missed','done','cancelled')),
        late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0,1)),
        work_order_id BIGINT REFERENCES work_orders(id),
        done_at BIGINT,
        done_total DOUBLE PRECISION,
        created_at BIGINT NOT NULL,
        UNIQUE (plan_id, equipment_id, occurrence_key)
      );
      CREATE INDEX pm_occurrences_due ON pm_occurrences(due_at);
      CREATE INDEX pm_occurrences_work_order ON pm_occurrences(work_order_id);

      ALTER TABLE work_orders ADD COLUMN pm_occurrence_id BIGINT REFERENCES pm_occurrences(id);
      ALTER TABLE work_orders ADD COLUMN checklist_id BIGINT REFERENCES checklists(id);
      -- Belt and braces: one OT per occurrence, whatever the code does.
      CREATE UNIQUE INDEX work_orders_pm_occurrence ON work_orders(pm_occurrence_id) WHERE pm_occurrence_id IS NOT NULL;
      CREATE INDEX work_orders_planned ON work_orders(planned_at, id);
    `),
};
