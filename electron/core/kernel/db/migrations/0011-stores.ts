// Pure. Issue 15: the maintenance itself, part 3 — magasin and coûts. Parts with their suppliers and where-used,
// stores × bins, the stock ledger (moves, never edited) with its stored balances, reservations on OTs,
// inventory counts, labour rates and external services on OTs. Indexes for the KPI aggregates (downtimes and
// OTs by date). Conventions as in 0009 and 0010.
import { postgresScript, type Migration } from './migration';

export const migration0011: Migration = {
  version: 11,
  name: 'stores',
  up(db) {
    db.exec(`
      -- Pièces de rechange. Quantities everywhere in this step are INTEGER thousandths of the part's unit
      -- (*_milli: 2.5 L is 2500) so that a ledger's sums are exact on both engines; money is INTEGER cents
      -- (*_cents), except the weighted-average unit cost, an average (REAL cents per unit).
      CREATE TABLE parts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        code TEXT NOT NULL COLLATE NOCASE UNIQUE,
        designation TEXT NOT NULL,
        manufacturer TEXT,
        manufacturer_ref TEXT,
        unit TEXT NOT NULL DEFAULT 'pce',
        category TEXT,
        avg_cost_cents REAL NOT NULL DEFAULT 0,
        notes TEXT,
        is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
        search_text TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE part_suppliers (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        part_id INTEGER NOT NULL REFERENCES parts(id),
        supplier TEXT NOT NULL,
        supplier_ref TEXT,
        lead_time_days INTEGER,
        unit_price_cents INTEGER,
        is_preferred INTEGER NOT NULL DEFAULT 0 CHECK (is_preferred IN (0,1)),
        created_at INTEGER NOT NULL
      );
      CREATE INDEX part_suppliers_part ON part_suppliers(part_id);

      -- Where-used: the equipment a part fits.
      CREATE TABLE part_equipment (
        part_id INTEGER NOT NULL REFERENCES parts(id),
        equipment_id INTEGER NOT NULL REFERENCES equipment(id),
        PRIMARY KEY (part_id, equipment_id)
      );
      CREATE INDEX part_equipment_equipment ON part_equipment(equipment_id);

      -- Magasins and their emplacements (bins).
      CREATE TABLE stores (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        code TEXT NOT NULL COLLATE NOCASE UNIQUE,
        name TEXT NOT NULL,
        location_id INTEGER REFERENCES locations(id),
        is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE bins (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        store_id INTEGER NOT NULL REFERENCES stores(id),
        code TEXT NOT NULL COLLATE NOCASE,
        label TEXT,
        is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
        created_at INTEGER NOT NULL,
        UNIQUE (store_id, code)
      );

      -- Stock mini / maxi of a part in a store (the reorder list's thresholds).
      CREATE TABLE part_store_levels (
        part_id INTEGER NOT NULL REFERENCES parts(id),
        store_id INTEGER NOT NULL REFERENCES stores(id),
        min_milli INTEGER NOT NULL DEFAULT 0 CHECK (min_milli >= 0),
        max_milli INTEGER CHECK (max_milli IS NULL OR max_milli >= 0),
        PRIMARY KEY (part_id, store_id)
      );
      CREATE INDEX part_store_levels_store ON part_store_levels(store_id);

      -- The stored balance of a part in a bin: written in the same transaction as the move that changes it, by an
      -- atomic conditional UPDATE (quantity_milli + delta >= 0 unless negative stock is allowed), so two PCs issuing
      -- the last unit at once can't both succeed. Always equal to the sum of the bin's moves.
      CREATE TABLE stock_balances (
        part_id INTEGER NOT NULL REFERENCES parts(id),
        bin_id INTEGER NOT NULL REFERENCES bins(id),
        quantity_milli INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (part_id, bin_id)
      );
      CREATE INDEX stock_balances_bin ON stock_balances(bin_id);

      -- The ledger (mouvements de stock). A move is never edited nor deleted: it is reversed by another move
      -- (reversal_of_id, at most one reversal per move). quantity_milli is signed (+ into the bin, − out);
      -- value_cents = the move's value at unit_cost_cents (receipts: the purchase price; issues: the average
      -- cost at the time), so the parts cost of an OT is a SUM over its moves.
      CREATE TABLE stock_moves (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        part_id INTEGER NOT NULL REFERENCES parts(id),
        bin_id INTEGER NOT NULL REFERENCES bins(id),
        kind TEXT NOT NULL CHECK (kind IN ('receipt','issue','return','transfer_out','transfer_in','adjustment','reversal')),
        quantity_milli INTEGER NOT NULL CHECK (quantity_milli <> 0),
        unit_cost_cents REAL NOT NULL,
        value_cents INTEGER NOT NULL,
        work_order_id INTEGER REFERENCES work_orders(id),
        reversal_of_id INTEGER REFERENCES stock_moves(id),
        transfer_group TEXT,
        inventory_count_id INTEGER,
        reason TEXT,
        supplier TEXT,
        document_ref TEXT,
        user_id INTEGER REFERENCES users(id),
        workstation TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX stock_moves_part ON stock_moves(part_id, at);
      CREATE INDEX stock_moves_bin ON stock_moves(bin_id, part_id);
      CREATE INDEX stock_moves_work_order ON stock_moves(work_order_id);
      CREATE INDEX stock_moves_at ON stock_moves(at);
      CREATE UNIQUE INDEX stock_moves_one_reversal ON stock_moves(reversal_of_id) WHERE reversal_of_id IS NOT NULL;

      -- Parts planned on an OT are reserved: available = stock − open reservations (quantity − issued).
      CREATE TABLE part_reservations (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        work_order_id INTEGER NOT NULL REFERENCES work_orders(id),
        part_id INTEGER NOT NULL REFERENCES parts(id),
        store_id INTEGER NOT NULL REFERENCES stores(id),
        quantity_milli INTEGER NOT NULL CHECK (quantity_milli > 0),
        issued_milli INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','released')),
        created_by INTEGER REFERENCES users(id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (work_order_id, part_id, store_id)
      );
      CREATE INDEX part_reservations_part ON part_reservations(part_id, status);

      -- Inventaire: a count session per store; each line keeps the quantity expected when the sheet was made.
      CREATE TABLE inventory_counts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        store_id INTEGER NOT NULL REFERENCES stores(id),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','applied','cancelled')),
        created_by INTEGER REFERENCES users(id),
        created_at INTEGER NOT NULL,
        applied_by INTEGER REFERENCES users(id),
        applied_at INTEGER
      );

      CREATE TABLE inventory_count_lines (
        count_id INTEGER NOT NULL REFERENCES inventory_counts(id),
        part_id INTEGER NOT NULL REFERENCES parts(id),
        bin_id INTEGER NOT NULL REFERENCES bins(id),
        expected_milli INTEGER NOT NULL,
        counted_milli INTEGER,
        counted_by INTEGER REFERENCES users(id),
        counted_at INTEGER,
        PRIMARY KEY (count_id, part_id, bin_id)
      );

      -- Coûts. Hourly rates per technician, or per role for those without one; visible to managers only.
      CREATE TABLE labour_rates (
        subject_kind TEXT NOT NULL CHECK (subject_kind IN ('user','role')),
        subject TEXT NOT NULL,
        hourly_rate_cents INTEGER NOT NULL CHECK (hourly_rate_cents >= 0),
        updated_by INTEGER REFERENCES users(id),
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (subject_kind, subject)
      );

      -- The rate in force when a time entry ended, stamped on it, so a later change of rates doesn't rewrite the
      -- cost of past work (NULL on entries older than this step: the current rate applies to them).
      ALTER TABLE time_entries ADD COLUMN hourly_rate_cents INTEGER;

      -- External services on an OT (prestations: supplier, amount, reference).
      CREATE TABLE work_order_services (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        work_order_id INTEGER NOT NULL REFERENCES work_orders(id),
        supplier TEXT NOT NULL,
        reference TEXT,
        description TEXT NOT NULL DEFAULT '',
        amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
        created_by INTEGER REFERENCES users(id),
        created_at INTEGER NOT NULL
      );
      CREATE INDEX work_order_services_work_order ON work_order_services(work_order_id);
      CREATE INDEX downtimes_started ON downtimes(started_at);
      CREATE INDEX work_orders_finished ON work_orders(finished_at);

      -- Parts have attachments too (a datasheet, a photo): SQLite can't alter a CHECK, so the table is rebuilt with
      -- the same columns and rows (it is referenced only by work_order_steps, created empty in 0010).
      CREATE TABLE attachments_0011 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        owner_kind TEXT NOT NULL CHECK (owner_kind IN ('equipment','request','work_order','part')),
        owner_id INTEGER NOT NULL,
        file_name TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        content BLOB NOT NULL,
        created_by INTEGER REFERENCES users(id),
        created_at INTEGER NOT NULL
      );
      INSERT INTO attachments_0011 (id, owner_kind, owner_id, file_name, mime_type, size, content, created_by, created_at)
        SELECT id, owner_kind, owner_id, file_name, mime_type, size, content, created_by, created_at FROM attachments;
      DROP TABLE attachments;
      ALTER TABLE attachments_0011 RENAME TO attachments;
      CREATE INDEX attachments_owner ON attachments(owner_kind, owner_id);
    `);
  },
  postgres: postgresScript(`
      -- Pièces de rechange. Quantities everywhere in this step are INTEGER thousandths of the part's unit
      -- (*_milli: 2.5 L is 2500) so that a ledger's sums are exact on both engines; money is INTEGER cents
      -- (*_cents), except the weighted-average unit cost, an average (REAL cents per unit).
      CREATE TABLE parts (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        code TEXT NOT NULL COLLATE nocase UNIQUE,
        designation TEXT NOT NULL,
        manufacturer TEXT,
        manufacturer_ref TEXT,
        unit TEXT NOT NULL DEFAULT 'pce',
        category TEXT,
        avg_cost_cents DOUBLE PRECISION NOT NULL DEFAULT 0,
        notes TEXT,
        is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
        search_text TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );

      CREATE TABLE part_suppliers (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        part_id BIGINT NOT NULL REFERENCES parts(id),
        supplier TEXT NOT NULL,
        supplier_ref TEXT,
        lead_time_days INTEGER,
        unit_price_cents BIGINT,
        is_preferred INTEGER NOT NULL DEFAULT 0 CHECK (is_preferred IN (0,1)),
        created_at BIGINT NOT NULL
      );
      CREATE INDEX part_suppliers_part ON part_suppliers(part_id);

      -- Where-used: the equipment a part fits.
      CREATE TABLE part_equipment (
        part_id BIGINT NOT NULL REFERENCES parts(id),
        equipment_id BIGINT NOT NULL REFERENCES equipment(id),
        PRIMARY KEY (part_id, equipment_id)
      );
      CREATE INDEX part_equipment_equipment ON part_equipment(equipment_id);

      -- Magasins and their emplacements (bins).
      CREATE TABLE stores (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        code TEXT NOT NULL COLLATE nocase UNIQUE,
        name TEXT NOT NULL,
        location_id BIGINT REFERENCES locations(id),
        is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );

      CREATE TABLE bins (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        store_id BIGINT NOT NULL REFERENCES stores(id),
        code TEXT NOT NULL COLLATE nocase,
        label TEXT,
        is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
        created_at BIGINT NOT NULL,
        UNIQUE (store_id, code)
      );

      -- Stock mini / maxi of a part in a store (the reorder list's thresholds).
      CREATE TABLE part_store_levels (
        part_id BIGINT NOT NULL REFERENCES parts(id),
        store_id BIGINT NOT NULL REFERENCES stores(id),
        min_milli BIGINT NOT NULL DEFAULT 0 CHECK (min_milli >= 0),
        max_milli BIGINT CHECK (max_milli IS NULL OR max_milli >= 0),
        PRIMARY KEY (part_id, store_id)
      );
      CREATE INDEX part_store_levels_store ON part_store_levels(store_id);

      -- The stored balance of a part in a bin: written in the same transaction as the move that changes it, by an
      -- atomic conditional UPDATE (quantity_milli + delta >= 0 unless negative stock is allowed), so two PCs issuing
      -- the last unit at once can't both succeed. Always equal to the sum of the bin's moves.
      CREATE TABLE stock_balances (
        part_id BIGINT NOT NULL REFERENCES parts(id),
        bin_id BIGINT NOT NULL REFERENCES bins(id),
        quantity_milli BIGINT NOT NULL DEFAULT 0,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (part_id, bin_id)
      );
      CREATE INDEX stock_balances_bin ON stock_balances(bin_id);

      -- The ledger (mouvements de stock). A move is never edited nor deleted: it is reversed by another move
      -- (reversal_of_id, at most one reversal per move). quantity_milli is signed (+ into the bin, − out);
      -- value_cents = the move's value at unit_cost_cents (receipts: the purchase price; issues: the average
      -- cost at the time), so the parts cost of an OT is a SUM over its moves.
      CREATE TABLE stock_moves (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        part_id BIGINT NOT NULL REFERENCES parts(id),
        bin_id BIGINT NOT NULL REFERENCES bins(id),
        kind TEXT NOT NULL CHECK (kind IN ('receipt','issue','return','transfer_out','transfer_in','adjustment','reversal')),
        quantity_milli BIGINT NOT NULL CHECK (quantity_milli <> 0),
        unit_cost_cents DOUBLE PRECISION NOT NULL,
        value_cents BIGINT NOT NULL,
        work_order_id BIGINT REFERENCES work_orders(id),
        reversal_of_id BIGINT REFERENCES stock_moves(id),
        transfer_group TEXT,
        inventory_count_id BIGINT,
        reason TEXT,
        supplier TEXT,
        document_ref TEXT,
        user_id BIGINT REFERENCES users(id),
        workstation TEXT NOT NULL,
        at BIGINT NOT NULL
      );
      CREATE INDEX stock_moves_part ON stock_moves(part_id, at);
      CREATE INDEX stock_moves_bin ON stock_moves(bin_id, part_id);
      CREATE INDEX stock_moves_work_order ON stock_moves(work_order_id);
      CREATE INDEX stock_moves_at ON stock_moves(at);
      CREATE UNIQUE INDEX stock_moves_one_reversal ON stock_moves(reversal_of_id) WHERE reversal_of_id IS NOT NULL;

      -- Parts planned on an OT are reserved: available = stock − open reservations (quantity − issued).
      CREATE TABLE part_reservations (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        work_order_id BIGINT NOT NULL REFERENCES work_orders(id),
        part_id BIGINT NOT NULL REFERENCES parts(id),
        store_id BIGINT NOT NULL REFERENCES stores(id),
        quantity_milli BIGINT NOT NULL CHECK (quantity_milli > 0),
        issued_milli BIGINT NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','released')),
        created_by BIGINT REFERENCES users(id),
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        UNIQUE (work_order_id, part_id, store_id)
      );
      CREATE INDEX part_reservations_part ON part_reservations(part_id, status);

      -- Inventaire: a count session per store; each line keeps the quantity expected when the sheet was made.
      CREATE TABLE inventory_counts (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        store_id BIGINT NOT NULL REFERENCES stores(id),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','applied','cancelled')),
        created_by BIGINT REFERENCES users(id),
        created_at BIGINT NOT NULL,
        applied_by BIGINT REFERENCES users(id),
        applied_at BIGINT
      );

      CREATE TABLE inventory_count_lines (
        count_id BIGINT NOT NULL REFERENCES inventory_counts(id),
        part_id BIGINT NOT NULL REFERENCES parts(id),
        bin_id BIGINT NOT NULL REFERENCES bins(id),
        expected_milli BIGINT NOT NULL,
        counted_milli BIGINT,
        counted_by BIGINT REFERENCES users(id),
        counted_at BIGINT,
        PRIMARY KEY (count_id, part_id, bin_id)
      );

      -- Coûts. Hourly rates per technician, or per role for those without one; visible to managers only.
      CREATE TABLE labour_rates (
        subject_kind TEXT NOT NULL CHECK (subject_kind IN ('user','role')),
        subject TEXT NOT NULL,
        hourly_rate_cents BIGINT NOT NULL CHECK (hourly_rate_cents >= 0),
        updated_by BIGINT REFERENCES users(id),
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (subject_kind, subject)
      );

      -- The rate in force when a time entry ended, stamped on it, so a later change of rates doesn't rewrite the
      -- cost of past work (NULL on entries older than this step: the current rate applies to them).
      ALTER TABLE time_entries ADD COLUMN hourly_rate_cents BIGINT;

      -- External services on an OT (prestations: supplier, amount, reference).
      CREATE TABLE work_order_services (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        work_order_id BIGINT NOT NULL REFERENCES work_orders(id),
        supplier TEXT NOT NULL,
        reference TEXT,
        description TEXT NOT NULL DEFAULT '',
        amount_cents BIGINT NOT NULL CHECK (amount_cents >= 0),
        created_by BIGINT REFERENCES users(id),
        created_at BIGINT NOT NULL
      );
      CREATE INDEX work_order_services_work_order ON work_order_services(work_order_id);
      CREATE INDEX downtimes_started ON downtimes(started_at);
      CREATE INDEX work_orders_finished ON work_orders(finished_at);

      -- Parts have attachments too (a datasheet, a photo).
      ALTER TABLE attachments DROP CONSTRAINT attachments_owner_kind_check;
      ALTER TABLE attachments ADD CONSTRAINT attachments_owner_kind_check CHECK (owner_kind IN ('equipment','request','work_order','part'));
    `),
};
