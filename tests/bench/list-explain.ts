// Node (a script, not a test: `npx tsx tests/bench/list-explain.ts [postgres://…]`). Fills a scratch database
// with 100,000 OTs and 20,000 DIs shaped like a plant's three years (most closed, a tenth open, a tenth undated),
// then prints the plan (SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN ANALYZE) and the time of every query the
// OT and DI lists send for their common screens, first page and a deep page. For the lead's index decisions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { openPostgresDatabase, openSqliteDatabase, type Database } from '../../electron/core/kernel/db/database';
import { migrateDatabase } from '../../electron/core/kernel/db/migrate-database';
import { MIGRATIONS } from '../../electron/core/kernel/db/migrations';
import { foldText } from '../../electron/core/kernel/db/text-search';
import { decodeCursor } from '../../electron/core/kernel/db/keyset';
import { WorkOrdersListRepository } from '../../electron/core/work-orders/work-orders-list-repository';
import { readWorkOrdersPage, resolveWorkOrdersQuery } from '../../electron/core/work-orders/work-orders-list-handlers';
import { RequestsListRepository } from '../../electron/core/requests/requests-list-repository';
import { readRequestsPage, resolveRequestsQuery } from '../../electron/core/requests/requests-list-handlers';
import type { WorkOrdersListInput } from '../../shared/work-orders/list-contract';
import type { RequestsListInput } from '../../shared/requests/list-contract';

const url = process.argv[2] ?? null;
const ORDERS = Number(process.env.LIST_EXPLAIN_ORDERS ?? 100_000);
const REQUESTS = Number(process.env.LIST_EXPLAIN_REQUESTS ?? 20_000);
const NOW = Date.UTC(2026, 10, 30, 9, 0);
const DAY = 86_400_000;

// A tiny deterministic random, so two runs plan the same data.
let seed = 42;
const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)];

async function open(): Promise<{ db: Database; cleanup(): Promise<void> }> {
  if (!url) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-explain-'));
    const db = openSqliteDatabase({ file: path.join(dir, 'explain.sqlite') });
    return { db, cleanup: async () => { await db.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
  }
  const schema = `explain_${process.pid}`;
  const admin = await openPostgresDatabase({ url, poolSize: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin.kysely);
  const db = await openPostgresDatabase({ url, poolSize: 4, searchPath: schema });
  return {
    db,
    cleanup: async () => {
      await db.close();
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.kysely);
      await admin.close();
    },
  };
}

async function fill(db: Database): Promise<{ locations: number[]; techs: number[]; site: number }> {
  const k = db.kysely;
  const loc = async (code: string, kind: 'site' | 'zone' | 'line', parent: number | null) =>
    Number((await k.insertInto('locations').values({ code, name: code, kind, parent_id: parent, created_at: 0, updated_at: 0 }).returning('id').executeTakeFirstOrThrow()).id);
  const site = await loc('USINE', 'site', null);
  const lines: number[] = [];
  for (let z = 1; z <= 6; z++) {
    const zone = await loc(`Z${z}`, 'zone', site);
    for (let l = 1; l <= 5; l++) lines.push(await loc(`Z${z}-L${l}`, 'line', zone));
  }
  const equipment: { id: number; location: number }[] = [];
  for (let start = 0; start < 5000; start += 500) {
    const values = Array.from({ length: 500 }, (_, i) => {
      const n = start + i;
      return { code: `EQ-${String(n).padStart(5, '0')}`, designation: `Machine ${n}`, location_id: lines[n % lines.length], parent_id: null, category: null, manufacturer: null, model: null, serial_number: null, commissioned_on: null, notes: null, search_text: foldText(`EQ-${n}`, `Machine ${n}`), created_at: 0, updated_at: 0 };
    });
    const rows = await k.insertInto('equipment').values(values).returning(['id', 'location_id']).execute();
    equipment.push(...rows.map((r) => ({ id: Number(r.id), location: Number(r.location_id) })));
  }
  const techs: number[] = [];
  for (let t = 0; t < 20; t++) {
    techs.push(Number((await k.insertInto('users').values({ username: `tech${t}`, display_name: `Technicien ${t}`, role: 'technician', password_hash: 'x', password_changed_at: 0, created_at: 0, updated_at: 0 }).returning('id').executeTakeFirstOrThrow()).id));
  }
  const words = ['fuite', 'vérin', 'courroie', 'roulement', 'moteur', 'capteur', 'pompe', 'graissage', 'bruit', 'surchauffe'];
  for (let start = 0; start < ORDERS; start += 1000) {
    const values = Array.from({ length: Math.min(1000, ORDERS - start) }, (_, i) => {
      const n = start + i;
      const created = NOW - Math.floor(rand() * 3 * 365) * DAY;
      const r = rand();
      const status = r < 0.8 ? 'closed' : r < 0.85 ? 'cancelled' : r < 0.88 ? 'done' : r < 0.91 ? 'draft' : r < 0.96 ? 'planned' : r < 0.98 ? 'in_progress' : 'on_hold';
      const eq = pick(equipment);
      const title = `${pick(words)} ${pick(words)}`;
      const number = `OT-${2024 + Math.floor(n / 34000)}-${String(n).padStart(6, '0')}`;
      return {
        number,
        type: pick(['corrective', 'corrective', 'preventive', 'improvement', 'safety'] as const),
        priority: 1 + Math.floor(rand() * 4),
        equipment_id: eq.id,
        location_id: eq.location,
        title,
        description: '',
        status: status as 'closed',
        hold_reason: status === 'on_hold' ? pick(['parts', 'production', 'other'] as const) : null,
        due_at: rand() < 0.1 ? null : created + Math.floor(rand() * 20) * DAY,
        search_text: foldText(number, title),
        created_at: created,
        updated_at: created,
      };
    });
    const rows = await k.insertInto('work_orders').values(values).returning('id').execute();
    await k.insertInto('work_order_assignees').values(rows.map((row) => ({ work_order_id: Number(row.id), user_id: pick(techs) }))).onConflict((oc) => oc.doNothing()).execute();
  }
  for (let start = 0; start < REQUESTS; start += 1000) {
    const values = Array.from({ length: Math.min(1000, REQUESTS - start) }, (_, i) => {
      const n = start + i;
      const eq = pick(equipment);
      const symptom = `${pick(words)} ${pick(words)}`;
      const number = `DI-2026-${String(n).padStart(6, '0')}`;
      const created = NOW - Math.floor(rand() * 3 * 365) * DAY;
      return { number, equipment_id: eq.id, location_id: eq.location, symptom, machine_stopped: (rand() < 0.2 ? 1 : 0) as 0 | 1, status: pick(['accepted', 'accepted', 'accepted', 'refused', 'duplicate', 'new'] as const), workstation: 'P', search_text: foldText(number, symptom), created_at: created, updated_at: created };
    });
    await k.insertInto('work_requests').values(values).execute();
  }
  if (db.engine === 'sqlite') await sql`analyze`.execute(k);
  else await sql`analyze`.execute(k);
  return { locations: lines, techs, site };
}

/** Records every query a repository sends, compiled, to explain it afterwards. */
function recorder(db: Database) {
  const nodes: RootOperationNode[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      nodes.push(args.node);
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { kysely: db.kysely.withPlugin(plugin), take: () => nodes.splice(0) };
}

async function explain(db: Database, label: string, nodes: RootOperationNode[], ms: number): Promise<void> {
  console.log(`\n=== ${label}  (${ms.toFixed(1)} ms for the page, ${nodes.length} queries)`);
  for (const node of nodes) {
    const compiled = db.kysely.getExecutor().compileQuery(node, { queryId: 'explain' } as never);
    console.log(`--- ${compiled.sql.replace(/\s+/g, ' ').slice(0, 400)}`);
    if (db.engine === 'sqlite') {
      const plan = db.sqlite!.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...(compiled.parameters as unknown[])) as { detail: string }[];
      for (const row of plan) console.log(`    ${row.detail}`);
    } else {
      const plan = await db.kysely.executeQuery<{ 'QUERY PLAN': string }>({ ...compiled, sql: `EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF) ${compiled.sql}` } as never);
      for (const row of plan.rows) console.log(`    ${row['QUERY PLAN']}`);
    }
  }
}

async function main() {
  const { db, cleanup } = await open();
  try {
    await migrateDatabase(db, MIGRATIONS);
    // LIST_EXPLAIN_INDEXES="create index …; create index …" tries indexes the migration does not have yet.
    for (const statement of (process.env.LIST_EXPLAIN_INDEXES ?? '').split(';').filter((s) => s.trim())) await sql.raw(statement).execute(db.kysely);
    const started = Date.now();
    const plant = await fill(db);
    console.log(`${db.engine}: ${ORDERS} OTs, ${REQUESTS} DIs written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const rec = recorder(db);
    const orders = new WorkOrdersListRepository(rec.kysely);
    const me = plant.techs[0];
    const otCases: [string, WorkOrdersListInput][] = [
      ['OT default (open, due asc)', {}],
      ['OT status + location (a zone) + due', { status: ['planned', 'in_progress'], locationId: plant.locations[0] - 1 }],
      ['OT text search "courroie"', { text: 'courroie' }],
      ['OT all statuses, due asc', { status: ['draft', 'planned', 'in_progress', 'on_hold', 'done', 'closed', 'cancelled'] }],
      ['OT all statuses, created desc', { status: ['draft', 'planned', 'in_progress', 'on_hold', 'done', 'closed', 'cancelled'], sort: 'created' }],
      ['OT closed, priority asc', { status: ['closed'], sort: 'priority' }],
      ['OT closed, number desc', { status: ['closed'], sort: 'number', direction: 'desc' }],
      ['OT open, equipment asc', { sort: 'equipment' }],
      ['OT view mes (technician)', { view: 'mes' }],
      ['OT view retard', { view: 'retard' }],
      ['OT view attente-pieces', { view: 'attente-pieces' }],
      ['OT assignee + all statuses', { assignee: me, status: ['closed', 'done'] }],
    ];
    for (const [label, input] of otCases) {
      const query = await resolveWorkOrdersQuery(orders, input as never, me, NOW);
      if (!query) continue;
      rec.take();
      let t = performance.now();
      let page = await readWorkOrdersPage(orders, query, null, 50, NOW);
      await explain(db, `${label} — page 1`, rec.take(), performance.now() - t);
      // A deep page: jump ~20 pages in with the export's page size, then one screen page.
      let cursor = page.nextCursor;
      for (let i = 0; i < 1 && cursor; i++) cursor = (await readWorkOrdersPage(orders, query, decodeCursor(cursor, `wo:${query.sort}:${query.direction}`), 1000, NOW)).nextCursor;
      rec.take();
      if (!cursor) continue;
      t = performance.now();
      page = await readWorkOrdersPage(orders, query, decodeCursor(cursor, `wo:${query.sort}:${query.direction}`), 50, NOW);
      await explain(db, `${label} — deep page (after ${1050} rows)`, rec.take().slice(0, 2), performance.now() - t);
    }
    const requests = new RequestsListRepository(rec.kysely);
    const diCases: [string, RequestsListInput][] = [
      ['DI default (created desc)', {}],
      ['DI new, created desc', { status: ['new'] }],
      ['DI machine stopped + location', { machineStopped: true, locationId: plant.locations[0] }],
      ['DI status sort', { sort: 'status' }],
      ['DI text', { text: 'pompe' }],
    ];
    for (const [label, input] of diCases) {
      const query = await resolveRequestsQuery(requests, input as never);
      if (!query) continue;
      rec.take();
      const t = performance.now();
      await readRequestsPage(requests, requests, query, null, 50);
      await explain(db, `${label} — page 1`, rec.take().slice(0, 1), performance.now() - t);
    }
  } finally {
    await cleanup();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
