// Node (dev only). `npm run bench:site`: a site server under the load of a shop floor (issue 16). One real site server
// (TLS WebSocket on loopback, the real core) and N simulated client PCs — real client cores (H2's), each enrolled
// with a one-time code, each with one technician signed in — run a realistic mix in a closed loop for a bounded time:
// list their OTs, open one, start it, add time, finish it, file a DI (with its client key), and now and then sign out
// and in again. Printed: requests/s, p50/p95/p99 per operation and overall, errors by code; then every acknowledged
// write (DI numbers, time entries, finished OTs) is looked up in the database, and any missing one is reported.
// Goals (printed, informational like `npm run bench`: shared machines are noisy): 0 errors, p95 ≤ 100 ms over the
// work calls (sign-in is bcrypt, measured on its own line), 0 acknowledged write missing.
//
// Options: --engine sqlite|postgres|both (default both), --server process|inline (default process: the server CLI in
// a child process, as IT runs it; inline: in the bench's own process), --seconds 60, --workstations 25, --think-ms 250 (mean pause
// between two calls of one PC; 0 = back to back, a stress run), --bcrypt-cost 10 (the production cost 12 only makes
// the sign-in line slower; `npm run bench` measures bcrypt itself).
// PostgreSQL: GMAO_BENCH_DATABASE_URL, else GMAO_TEST_DATABASE_URL, else a throwaway cluster (a schema of its own).
// `runSiteBench` is also called by tests/site/site-bench.test.ts with a few seconds and a few PCs (a smoke run).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { openPostgresDatabase, openSqliteDatabase, type Database, type Engine } from '../../electron/core/kernel/db/database';
import type { Schema } from '../../electron/core/kernel/db/schema';
import { DATABASE_FILE_NAME } from '../../electron/core/kernel/kernel';
import { DEFAULT_SECURITY_SETTINGS } from '../../shared/security/security-settings';
import { EquipmentRepository } from '../../electron/core/equipment';
import { acquirePostgres, createSchema, dropSchema } from '../e2e/postgres-server';
import { formatLoadSummary, LatencyRecorder, runLoad, type LoadContext, type LoadSummary } from '../support/load-driver';
import { enrolClient, must, startTestClient, startTestSite, type DatabasePlace, type TestClient, type TestSite } from '../support/site-fixture';
import { ADMIN_INPUT } from '../support/test-core';
import { freePort, startSiteServerProcess, type SiteServerProcess } from '../support/site-server-process';
import { signInAdmin, ADMIN_WINDOW } from '../support/mail-fixtures';

export interface SiteBenchOptions {
  engine: Engine;
  /** PostgreSQL server URL (a fresh schema is made in it and dropped after). */
  databaseUrl?: string | null;
  seconds: number;
  workstations: number;
  bcryptCost: number;
  /** Mean pause between two calls of one PC (a person reading, clicking): uniform in [0.5, 1.5] × this. 0: none. */
  thinkMs: number;
  /**
   * `process` (the CLI default): the server runs as IT runs it, `electron/server/server-cli.ts` in a process of its
   * own, so the 25 client cores of this process do not share its event loop. `inline`: in this process (the smoke
   * test: quicker to start).
   */
  server: 'process' | 'inline';
  /** Print as it goes (the CLI); the smoke test keeps quiet. */
  log?: (line: string) => void;
}

export interface SiteBenchResult {
  engine: Engine;
  server: 'process' | 'inline';
  summary: LoadSummary;
  /** Sign-ins (the start of the run and the occasional ones during it). */
  logins: LoadSummary;
  acknowledged: { requests: number; timeEntries: number; finished: number };
  missing: string[];
  /** DIs whose row does not name the PC that filed it. */
  wrongWorkstation: number;
}

const PASSWORD = 'pompe hydraulique 42';
const WINDOW = 'main';
/** The lock-screen window of the same PC: a passer-by's DI, counted under the PC (not the person) by the throttle. */
const KIOSK = 'kiosk';
/**
 * The DI throttle lets a person (and, at the lock screen, a PC) file 10 DIs per 10 minutes; a real technician files
 * far fewer. Each PC stays under it, or the bench would measure refusals the app is right to give.
 */
const REPORTS_PER_BUCKET = 9;
const quiet = { info() {}, warn() {}, error() {} };

interface Workstation {
  index: number;
  client: TestClient;
  username: string;
  equipment: string;
  /** What the server acknowledged, to look up afterwards. */
  reports: string[];
  timeEntries: number[];
  finished: string[];
  signedInReports: number;
  kioskReports: number;
}

function localDay(at: number): string {
  const date = new Date(at);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** Users, places, equipment and the planned OTs every technician works through, written on the server directly. */
async function preparePlant(site: TestSite, workstations: number, ordersPerTechnician: number, log: (line: string) => void) {
  const admin = site.admin;
  await signInAdmin(admin);
  // A long idle limit: the bench's PCs are busy, but a slow machine must not lock a window mid-run.
  must(await admin.call(ADMIN_WINDOW, 'security:updateSettings', { ...DEFAULT_SECURITY_SETTINGS, idleMinutes: 240, absoluteHours: 12 }), 'security settings');
  must(await admin.call(ADMIN_WINDOW, 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password }), 'admin login');
  const db = admin.database.kysely;
  const now = Date.now();
  const siteRow = await db.insertInto('locations').values({ code: 'LYON', name: 'Usine de Lyon', kind: 'site', parent_id: null, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  const zone = await db.insertInto('locations').values({ code: 'INJ', name: 'Atelier injection', kind: 'zone', parent_id: Number(siteRow.id), created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  const equipment: string[] = [];
  const repository = new EquipmentRepository(db);
  for (let i = 1; i <= Math.max(5, workstations); i++) {
    const code = `PR-${String(i).padStart(3, '0')}`;
    await repository.insert({
      code, designation: `Presse à injecter ${i}`, location_id: Number(zone.id), parent_id: null, category: null,
      manufacturer: null, model: null, serial_number: null, commissioned_on: null, notes: null, created_at: now, updated_at: now,
    });
    equipment.push(code);
  }
  const technicians: { username: string; id: number }[] = [];
  for (let i = 1; i <= workstations; i++) {
    const username = `tech.${String(i).padStart(2, '0')}`;
    const created = must(await admin.call(ADMIN_WINDOW, 'users:create', { username, displayName: `Technicien ${i}`, email: '', role: 'technician', passwordMode: 'chosen', password: PASSWORD, passwordConfirmation: PASSWORD }), `users:create ${username}`);
    technicians.push({ username, id: created.user.id });
  }
  // Setup only: skip the first-sign-in password change the administrator's chosen password asks for.
  await db.updateTable('users').set({ must_change_password: 0, password_change_offered: 0 }).where('username', 'in', technicians.map((t) => t.username)).execute();
  const started = performance.now();
  for (const [index, technician] of technicians.entries()) {
    for (let n = 0; n < ordersPerTechnician; n++) {
      must(await admin.call(ADMIN_WINDOW, 'workOrders:create', {
        equipmentCode: equipment[index % equipment.length], type: 'improvement', priority: 3, title: `Amélioration ${n + 1} du poste ${index + 1}`,
        description: '', plannedAt: now, dueAt: null, estimatedMinutes: 30, assigneeIds: [technician.id],
      }), 'workOrders:create');
    }
  }
  log(`    préparation : ${technicians.length} techniciens, ${technicians.length * ordersPerTechnician} OT planifiés en ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { technicians, equipment };
}

/** One turn of a technician at their PC. */
async function turn(ws: Workstation, context: LoadContext, loginRecorder: LatencyRecorder, thinkMs: number): Promise<void> {
  const think = () => (thinkMs > 0 ? new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + Math.random()))) : Promise.resolve());
  const call = ws.client.call;
  // The pause comes before each timed call, never inside it.
  const measure: LoadContext['measure'] = async (label, run, expected) => {
    await think();
    return context.measure(label, run, expected);
  };
  // Now and then the person signs out and in again (a shift change at that PC).
  if (context.iteration > 0 && context.iteration % 15 === ws.index % 15) {
    await measure('logout', () => call(WINDOW, 'auth:logout'));
    await think();
    const t0 = performance.now();
    const login = await call(WINDOW, 'auth:login', { identifier: ws.username, password: PASSWORD });
    loginRecorder.record('login', performance.now() - t0, login.ok ? null : login.error.code);
    if (!login.ok || context.done) return;
  }
  const list = await measure('workOrders:list', () => call(WINDOW, 'workOrders:list', { assignee: 'me', sort: 'number', direction: 'asc' }));
  const row = list?.ok ? list.data.rows.find((candidate) => candidate.status === 'planned' || candidate.status === 'in_progress') : undefined;
  if (row) {
    const opened = await measure('workOrders:get', () => call(WINDOW, 'workOrders:get', { number: row.number }));
    if (opened?.ok) {
      let version = opened.data.version;
      if (opened.data.status === 'planned') {
        const started = await measure('workOrders:start', () => call(WINDOW, 'workOrders:transition', { number: row.number, version, action: 'start' }));
        if (started?.ok) version = started.data.version;
      }
      const time = await measure('workOrders:addTime', () => call(WINDOW, 'workOrders:addTime', { number: row.number, date: localDay(Date.now()), minutes: 15 }));
      if (time?.ok) ws.timeEntries.push(time.data.id);
      // Should anything have moved the OT's version meanwhile, finish answers CONFLICT: read it again, finish once more.
      const finish = () => call(WINDOW, 'workOrders:transition', {
        number: row.number, version, action: 'finish',
        finish: { symptomCode: null, causeCode: null, remedyCode: null, backInService: true },
      });
      let finished = await measure('workOrders:finish', finish, ['CONFLICT']);
      if (finished && !finished.ok && finished.error.code === 'CONFLICT') {
        const again = await measure('workOrders:get', () => call(WINDOW, 'workOrders:get', { number: row.number }));
        if (again?.ok) {
          version = again.data.version;
          finished = await measure('workOrders:finish', finish);
        }
      }
      if (finished?.ok) ws.finished.push(row.number);
    }
  }
  // Every other turn a DI: by the technician, or by a passer-by at the PC's lock screen, each under its throttle.
  if (context.iteration % 2 === 1 && !context.done) {
    const fromKiosk = context.iteration % 4 === 3;
    if (fromKiosk ? ws.kioskReports < REPORTS_PER_BUCKET : ws.signedInReports < REPORTS_PER_BUCKET) {
      const report = await measure(fromKiosk ? 'requests:report/verrou' : 'requests:report', () => call(fromKiosk ? KIOSK : WINDOW, 'requests:report', {
        equipmentCode: ws.equipment, symptom: `Bruit anormal au poste ${ws.index + 1}, tour ${context.iteration + 1}`, machineStopped: false,
        ...(fromKiosk ? { reporterName: 'Opérateur de ligne' } : {}),
      }));
      if (fromKiosk) ws.kioskReports += 1;
      else ws.signedInReports += 1;
      if (report?.ok && report.data.number) ws.reports.push(report.data.number);
    }
  }
}

/** Every acknowledged write, looked up in the server's database after the run. */
async function checkAcknowledged(db: Kysely<Schema>, stations: Workstation[]) {
  const missing: string[] = [];
  let wrongWorkstation = 0;
  const chunks = <T>(values: T[]) => Array.from({ length: Math.ceil(values.length / 500) }, (_, i) => values.slice(i * 500, i * 500 + 500));
  for (const ws of stations) {
    for (const part of chunks(ws.reports)) {
      const rows = await db.selectFrom('work_requests').select(['number', 'workstation']).where('number', 'in', part).execute();
      const found = new Map(rows.map((r) => [r.number, r.workstation]));
      for (const number of part) {
        if (!found.has(number)) missing.push(`DI ${number} (${ws.client.name})`);
        else if (found.get(number) !== ws.client.name) wrongWorkstation += 1;
      }
    }
    for (const part of chunks(ws.timeEntries)) {
      const rows = await db.selectFrom('time_entries').select('id').where('id', 'in', part).execute();
      const found = new Set(rows.map((r) => Number(r.id)));
      for (const id of part) if (!found.has(id)) missing.push(`temps #${id} (${ws.client.name})`);
    }
    for (const part of chunks(ws.finished)) {
      const rows = await db.selectFrom('work_orders').select(['number', 'status']).where('number', 'in', part).execute();
      const done = new Set(rows.filter((r) => r.status === 'done').map((r) => r.number));
      for (const number of part) if (!done.has(number)) missing.push(`OT terminé ${number} (${ws.client.name})`);
    }
  }
  return { missing, wrongWorkstation };
}

/** PostgreSQL, server in a process: the CLI has no schema flag, so that run gets a database of its own. */
async function withAdmin(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export async function runSiteBench(options: SiteBenchOptions): Promise<SiteBenchResult> {
  const log = options.log ?? (() => undefined);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-site-bench-'));
  let database: DatabasePlace = { url: null };
  let schema: string | null = null;
  let databaseName: string | null = null;
  if (options.engine === 'postgres') {
    if (!options.databaseUrl) throw new Error('PostgreSQL bench without a server URL');
    if (options.server === 'process') {
      databaseName = `sitebench_${Math.random().toString(36).slice(2, 10)}`;
      await withAdmin(options.databaseUrl, `create database ${databaseName}`);
      const url = new URL(options.databaseUrl);
      url.pathname = `/${databaseName}`;
      database = { url: url.toString() };
    } else {
      schema = await createSchema(options.databaseUrl, 'sitebench');
      database = { url: options.databaseUrl, schema };
    }
  }
  let site: TestSite | null = null;
  let child: SiteServerProcess | null = null;
  const stations: Workstation[] = [];
  try {
    // Prepared in this process (people, OTs, enrolled PCs); with `process`, the CLI then takes over the same data,
    // certificate and port, and the PCs reconnect to it by themselves.
    const port = await freePort();
    site = await startTestSite({ dataDir, database, port, bcryptCost: options.bcryptCost, logger: quiet, databasePoolSize: 10 });
    // Enough planned OTs that nobody runs out before the end (a turn is a handful of calls and pauses).
    const ordersPerTechnician = Math.max(4, options.seconds + 4);
    const { technicians, equipment } = await preparePlant(site, options.workstations, ordersPerTechnician, log);

    // The PCs enrol one after the other (a code each, as IT does it), then all sign in at once: the morning rush.
    const enrolStart = performance.now();
    for (let i = 0; i < options.workstations; i++) {
      const client = await startTestClient({ name: `Poste ${String(i + 1).padStart(2, '0')}`, logger: quiet, backoff: { initialMs: 200, maxMs: 1000 } });
      stations.push({ index: i, client, username: technicians[i].username, equipment: equipment[i % equipment.length], reports: [], timeEntries: [], finished: [], signedInReports: 0, kioskReports: 0 });
      // The enrolment throttle (10 per address per 15 minutes) rightly stops 25 PCs enrolling from one loopback
      // address; IT doing it from one desk would wait, the bench clears that address's count instead.
      if (i % 8 === 7) {
        // Read, then delete by name: PostgreSQL's case-insensitive collation on this column refuses LIKE.
        const db = site.server.core.database.kysely;
        const keys = (await db.selectFrom('login_throttle').select('identifier').execute()).map((row) => row.identifier).filter((key) => key.startsWith('SITE-ENROL:'));
        if (keys.length) await db.deleteFrom('login_throttle').where('identifier', 'in', keys).execute();
      }
      await enrolClient(site, client);
    }
    log(`    ${options.workstations} postes raccordés en ${((performance.now() - enrolStart) / 1000).toFixed(1)} s`);
    if (options.server === 'process') {
      await site.close();
      site = null;
      const started = performance.now();
      child = await startSiteServerProcess({ dataDir, port, databaseUrl: database.url });
      for (const ws of stations) await ws.client.waitConnected(60_000);
      log(`    serveur lancé en ligne de commande (pid ${child.child.pid}), postes reconnectés en ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    const loginRecorder = new LatencyRecorder();
    const loginsStart = performance.now();
    await Promise.all(stations.map(async (ws) => {
      const t0 = performance.now();
      const login = await ws.client.call(WINDOW, 'auth:login', { identifier: ws.username, password: PASSWORD });
      loginRecorder.record('login', performance.now() - t0, login.ok ? null : login.error.code);
      if (!login.ok) throw new Error(`login ${ws.username}: ${login.error.code}`);
    }));
    const rush = performance.now() - loginsStart;

    const summary = await runLoad({
      workers: stations,
      durationMs: options.seconds * 1000,
      step: (ws, context) => turn(ws, context, loginRecorder, options.thinkMs),
    });
    const logins = loginRecorder.summary(options.workstations, rush);
    // The server in a process is stopped first (SIGTERM): what it acknowledged must be on disk by then anyway.
    let direct: Database | null = null;
    if (child) {
      await child.stop();
      direct = database.url ? await openPostgresDatabase({ url: database.url, poolSize: 1 }) : openSqliteDatabase({ file: path.join(dataDir, DATABASE_FILE_NAME) });
    }
    let checked: { missing: string[]; wrongWorkstation: number };
    try {
      checked = await checkAcknowledged(direct ? direct.kysely : (site as TestSite).server.core.database.kysely, stations);
    } finally {
      await direct?.close();
    }
    const { missing, wrongWorkstation } = checked;
    const acknowledged = {
      requests: stations.reduce((n, ws) => n + ws.reports.length, 0),
      timeEntries: stations.reduce((n, ws) => n + ws.timeEntries.length, 0),
      finished: stations.reduce((n, ws) => n + ws.finished.length, 0),
    };
    for (const line of formatLoadSummary(`${options.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} (serveur ${options.server === 'process' ? 'dans son propre processus' : 'dans le processus du bench'})`, summary)) log(line);
    log(`    connexions (bcrypt coût ${options.bcryptCost}) : ${logins.overall.count}, p50 ${logins.overall.p50.toFixed(1)} ms, p95 ${logins.overall.p95.toFixed(1)} ms, erreurs ${logins.errors} (les ${options.workstations} premières en même temps : ${rush.toFixed(0)} ms)`);
    log(`    écritures acquittées : ${acknowledged.requests} DI, ${acknowledged.timeEntries} saisies de temps, ${acknowledged.finished} OT terminés ; manquantes : ${missing.length}${missing.length ? ` (${missing.slice(0, 5).join(', ')}…)` : ''} ; DI au mauvais nom de poste : ${wrongWorkstation}`);
    return { engine: options.engine, server: options.server, summary, logins, acknowledged, missing, wrongWorkstation };
  } finally {
    for (const ws of stations) await ws.client.close().catch(() => undefined);
    await site?.close().catch(() => undefined);
    if (child && !child.child.exit) await child.child.kill9();
    if (schema && options.databaseUrl) await dropSchema(options.databaseUrl, schema).catch(() => undefined);
    if (databaseName && options.databaseUrl) await withAdmin(options.databaseUrl, `drop database if exists ${databaseName} with (force)`).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
    for (const ws of stations) fs.rmSync(ws.client.dataDir, { recursive: true, force: true });
  }
}

function argValue(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
}

async function main(argv: readonly string[]): Promise<void> {
  const seconds = Number(argValue(argv, '--seconds') ?? 60);
  const workstations = Number(argValue(argv, '--workstations') ?? 25);
  const bcryptCost = Number(argValue(argv, '--bcrypt-cost') ?? 10);
  const thinkMs = Number(argValue(argv, '--think-ms') ?? 250);
  const server = (argValue(argv, '--server') ?? 'process') as 'process' | 'inline';
  if (server !== 'process' && server !== 'inline') throw new Error('--server process|inline');
  const engineArg = argValue(argv, '--engine') ?? 'both';
  // Bounded on purpose: this is a loopback bench, not a soak test.
  if (!(seconds > 0 && seconds <= 600) || !(workstations >= 1 && workstations <= 100)) throw new Error('--seconds 1..600, --workstations 1..100');
  const engines: Engine[] = engineArg === 'both' ? ['sqlite', 'postgres'] : [engineArg as Engine];
  const log = (line: string) => console.log(line);
  console.log(`bench:site — serveur ${server === 'process' ? 'dans son propre processus' : 'dans le processus du bench'}, ${workstations} postes, ${seconds} s, pause moyenne ${thinkMs} ms entre deux appels d’un poste, bcrypt coût ${bcryptCost}, ${os.cpus().length} cœurs, Node ${process.version}`);
  const results: SiteBenchResult[] = [];
  for (const engine of engines) {
    console.log(`\n== ${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`);
    if (engine === 'postgres') {
      const postgres = await acquirePostgres(['GMAO_BENCH_DATABASE_URL', 'GMAO_TEST_DATABASE_URL']);
      if ('reason' in postgres) {
        console.log(`    ignoré : ${postgres.reason}`);
        continue;
      }
      try {
        results.push(await runSiteBench({ engine, databaseUrl: postgres.url, seconds, workstations, bcryptCost, thinkMs, server, log }));
      } finally {
        postgres.stop();
      }
    } else {
      results.push(await runSiteBench({ engine, seconds, workstations, bcryptCost, thinkMs, server, log }));
    }
  }
  console.log('\nObjectifs (informatifs) : 0 erreur, p95 ≤ 100 ms (hors connexion), 0 écriture acquittée manquante');
  for (const r of results) {
    const pass = r.summary.errors === 0 && r.summary.overall.p95 <= 100 && r.missing.length === 0;
    console.log(`  ${`${r.engine} (${r.server})`.padEnd(20)} ${r.summary.requestsPerSecond.toFixed(1)} req/s, p50 ${r.summary.overall.p50.toFixed(1)} ms, p95 ${r.summary.overall.p95.toFixed(1)} ms, p99 ${r.summary.overall.p99.toFixed(1)} ms, ${r.summary.errors} erreurs, ${r.missing.length} manquantes  ${pass ? 'OK' : 'HORS OBJECTIF'}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
