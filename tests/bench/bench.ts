// Node (dev only). `npm run bench`: measures what the login path costs, through the real core and IPC
// dispatcher, at the production bcrypt cost (12), on each database engine (SQLite, then PostgreSQL), and what
// the repository layer costs over the raw driver.
//
//  1. Login vs raw bcrypt.compare: bcrypt must be nearly all of a login's time. Anything else on the
//     path (validation, HMAC pre-hash, the database, audit) should stay under 5 % of it, on both engines.
//  2. Event-loop p99 delay during 8 concurrent logins: hashing runs on libuv's thread pool and the database is
//     asynchronous, so main's loop must stay responsive (≤ 10 ms) while a whole workshop signs in at once.
//  3. Unknown user vs wrong password: both must cost the same (within 3 %), or response times would
//     tell an attacker which usernames exist.
//  4. Activity messages: how many a minute of continuous typing sends (the renderer's throttle), and the
//     main-process CPU time they cost (real `session:activity` calls through the dispatcher).
//  5. Forgot password: `requestReset` for an unknown name vs a real account with an address (email on, a
//     real loopback SMTP server receiving): the answer must cost the same (within 3 %), the account-dependent
//     work (code, email) runs after it.
//  6. "Demander à un administrateur" (approval:request) for unknown vs known names: the raw work of both paths
//     (no floor), then the answer time with the app's 250 ms floor. Neither may tell which names exist.
//  7. Work that must neither wait for the network nor hash, as ratios (these were wall-clock limits in the unit
//     tests, which flaked on loaded machines; the tests now check the behaviour):
//     - requestReset and an outbox enqueue with the SMTP server stalled vs responsive (goal ≤ 2: the answer
//       doesn't depend on the server);
//     - the answer to a throttled name vs one cost-12 bcrypt.compare (goal ≤ 0.05: no hash is run).
//  8. The repository layer (Kysely, the kernel's UsersRepository.findByLogin and AuditRepository.search) vs the
//     raw driver (better-sqlite3's prepared statement, pg's client.query) running the very same SQL text and
//     parameters: a point lookup of a user by username (information only), and a 50-row page of the audit log,
//     filtered and sorted, out of 100,000 rows (goal ≤ 1.2).
//  9. Maintenance on a seeded plant (tests/seed/seed-plant.ts, the data `npm run seed` writes; small-ish by default,
//     the issue's 5,000 equipment / 20,000 DI / 100,000 OT with `--plant-scale`):
//     - equipment search by exact code and by designation (folded text) through EquipmentRepository vs the raw
//       driver running the very same SQL (information);
//     - the OT list (open statuses + a location subtree, free text on search_text, due date NULLs last then id, 50
//       rows, page 1 and a deep page by keyset): the lists helper's repository vs a hand-written raw SQL baseline
//       (goal ≤ 1.3). The repository side is a slot the lead fills at merge (`otListThroughRepository`);
//     - a DI reported end to end through the dispatcher (`requests:report`) vs the raw writes it needs at least
//       (number + row, one transaction): information. Also a slot (`reportRequestThroughDispatcher`).
// 10. Préventif generator over 2,000 plans (tests/bench/bench-preventive.ts): one pass, goal < 1 s (information).
// 11. The 12-month forecast of every plan (bench-forecast.ts): goal < 2 s (information).
// 12. The planning's month query for 30 technicians (bench-planning.ts): repository vs raw SQL, goal ≤ 1.3.
// 13. Stock (bench-stock.ts): a part's balance and availability lookup, goal < 20 ms; the reorder list (information).
// 14. Indicators (bench-indicators.ts): the 12-month KPI dashboard, goal < 1 s and ≤ 1.2× the raw SQL aggregates.
//
// PostgreSQL: GMAO_BENCH_DATABASE_URL, else GMAO_TEST_DATABASE_URL, else a throwaway cluster started here and
// stopped at the end (build/scripts/pg-cluster.mjs); every core works in a schema of its own, dropped after.
// Options: `--engine sqlite|postgres` (default both), `--only login,eventloop,unknown,activity,reset,approval,
// smtp,throttle,data,maintenance,preventive,forecast,planning,stock,indicators` (default all), `--plant-scale`
// (sections 9 and 14 at the issue's full size).
// Goals are informational: the run always exits 0, because shared machines are noisy. Ratios of medians of
// interleaved runs only: absolute times on a shared machine say little.
import os from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import bcrypt from 'bcrypt';
import { type Kysely, sql, CompiledQuery, type Insertable } from 'kysely';
import type { IpcResult } from '../../shared/contract';
import { AUDIT_EVENT_GROUPS } from '../../shared/audit/audit-catalog';
import { type Core, type CoreDeps } from '../../electron/core/create-core';
import { createKernel } from '../../electron/core/kernel/kernel';
import { AuditRepository } from '../../electron/core/kernel/audit-trail/audit-repository';
import type { Database, Engine } from '../../electron/core/kernel/db/database';
import type { AuditLogTable, Schema, UsersTable } from '../../electron/core/kernel/db/schema';
import { UsersRepository } from '../../electron/core/kernel/identity/users-repository';
import { createActivityThrottle } from '../../renderer/src/features/session/activity-forwarder';
import { REPO_RESOURCES_DIR } from '../support/repo-paths';
import { startSmtpTestServer, startStalledServer, testTransportFactory } from '../support/smtp-test-server';
import { acquirePostgres, type PostgresServer } from '../e2e/postgres-server';
import { EquipmentRepository } from '../../electron/core/equipment';
import { WorkOrdersListRepository, type WorkOrdersListQuery } from '../../electron/core/work-orders/work-orders-list-repository';
import { benchForecast } from './bench-forecast';
import { DEMO_PASSWORD, seedPlant } from '../seed/seed-plant';
import { benchPreventive } from './bench-preventive';
import { benchStock } from './bench-stock';
import { benchPlanning } from './bench-planning';
import { escapeLike, foldText } from '../../electron/core/kernel/db/text-search';
import { benchIndicators } from './bench-indicators';
import { ORIGIN, SENDER, USER, PASSWORD, COST, DAY, type Row, type Measured, type EngineUnderTest, sqliteEngine, postgresEngine, quietLogger, openCore, median, ms, us, timed, check, login, logout, interleave, statementOf, type RawDriver, rawDriver, repeated, sameIds } from './bench-kit';


async function benchLoginVsCompare(core: Core): Promise<Measured> {
  // Same length as the pre-hash the core hands bcrypt (44 base64 characters).
  const raw = 'x'.repeat(44);
  const rawHash = await bcrypt.hash(raw, COST);
  const { a, b } = await interleave(
    15,
    2,
    async () => {
      const t = await timed(() => login(core, SENDER.windowId, USER, PASSWORD, 'ok'));
      await logout(core, SENDER.windowId);
      return t;
    },
    () => timed(() => bcrypt.compare(raw, rawHash)),
  );
  const ratio = median(a) / median(b);
  console.log('    login handler vs raw bcrypt.compare (cost 12), 15 interleaved pairs');
  console.log(`    login (IPC dispatch) median: ${ms(median(a))}`);
  console.log(`    bcrypt.compare median:       ${ms(median(b))}`);
  console.log(`    ratio of medians:            ${ratio.toFixed(3)}   (goal ≤ 1.05)`);
  return { figure: 'login / bcrypt.compare', value: ratio.toFixed(3), goal: '≤ 1.05', pass: ratio <= 1.05 };
}

async function benchEventLoop(core: Core): Promise<Measured> {
  const windows = Array.from({ length: 8 }, (_, i) => `bench-concurrent-${i + 1}`);
  const p99s: number[] = [];
  console.log('    event-loop delay during 8 concurrent logins, 3 batches');
  for (let batch = 1; batch <= 3; batch++) {
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    const elapsed = await timed(() => Promise.all(windows.map((w) => login(core, w, USER, PASSWORD, 'ok'))));
    histogram.disable();
    await Promise.all(windows.map((w) => logout(core, w)));
    const p99 = histogram.percentile(99) / 1e6;
    p99s.push(p99);
    console.log(`    batch ${batch}: p99 ${ms(p99)}, max ${ms(histogram.max / 1e6)}, batch took ${ms(elapsed)}`);
  }
  const worst = Math.max(...p99s);
  // The control: the same histogram over the same time with nothing to do. On a busy shared machine the loop is
  // late by itself (the OS gives the process its turn late); only what the logins add on top is the app's.
  const idle = monitorEventLoopDelay({ resolution: 1 });
  idle.enable();
  await new Promise((resolve) => setTimeout(resolve, 5000));
  idle.disable();
  console.log(`    p99 worst: ${ms(worst)}, median: ${ms(median(p99s))}   (goal ≤ 10 ms)`);
  console.log(`    control, the same process idle for 5 s: p99 ${ms(idle.percentile(99) / 1e6)}, max ${ms(idle.max / 1e6)}`);
  return { figure: 'event-loop p99 (worst of 3)', value: ms(worst), goal: '≤ 10 ms', pass: worst <= 10 };
}

async function benchUnknownVsWrong(core: Core): Promise<Measured> {
  // Login throttling would answer THROTTLED after 5 failures of one name: each unknown attempt uses a new
  // name, and an untimed successful login (which ends the streak) follows each wrong password.
  let unknownRun = 0;
  const { a, b } = await interleave(
    25,
    2,
    () => timed(() => login(core, SENDER.windowId, `nobody.here.${++unknownRun}`, PASSWORD, 'INVALID_CREDENTIALS')),
    async () => {
      const elapsed = await timed(() => login(core, SENDER.windowId, USER, 'wrong horse battery', 'INVALID_CREDENTIALS'));
      await login(core, 'bench-reset', USER, PASSWORD, 'ok');
      await logout(core, 'bench-reset');
      return elapsed;
    },
  );
  const unknown = median(a);
  const wrong = median(b);
  const diff = ((unknown - wrong) / wrong) * 100;
  console.log('    unknown user vs wrong password (both INVALID_CREDENTIALS), 25 interleaved pairs');
  console.log(`    unknown user median:   ${ms(unknown)}`);
  console.log(`    wrong password median: ${ms(wrong)}`);
  console.log(`    difference:            ${diff >= 0 ? '+' : ''}${diff.toFixed(2)} %   (goal within ±3 %)`);
  return { figure: 'unknown vs wrong password', value: `${diff >= 0 ? '+' : ''}${diff.toFixed(2)} %`, goal: '|Δ| ≤ 3 %', pass: Math.abs(diff) <= 3 };
}

async function benchActivity(core: Core): Promise<Measured> {
  // A minute of continuous typing at 8 keys a second, through the renderer's own throttle.
  const shouldSend = createActivityThrottle();
  let perMinute = 0;
  for (let t = 0; t < 60_000; t += 125) if (shouldSend(t)) perMinute++;

  await login(core, 'bench-activity', USER, PASSWORD, 'ok');
  const calls = 20_000;
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  for (let i = 0; i < calls; i++) check(await core.dispatcher.dispatch({ windowId: 'bench-activity', url: SENDER.url }, 'session:activity', undefined), 'ok');
  const wall = performance.now() - wallBefore;
  const cpu = process.cpuUsage(cpuBefore);
  await logout(core, 'bench-activity');
  const cpuPerCallUs = (cpu.user + cpu.system) / calls;
  const cpuPerMinuteMs = (cpuPerCallUs * perMinute) / 1000;
  console.log('    activity messages during continuous typing');
  console.log(`    messages per minute of typing: ${perMinute} (8 keys/s through the renderer's throttle)`);
  console.log(`    main CPU per message: ${cpuPerCallUs.toFixed(1)} µs (${calls} real calls, ${ms(wall)} wall)`);
  console.log(`    main CPU per minute of typing: ${cpuPerMinuteMs.toFixed(3)} ms (${((cpuPerMinuteMs / 60_000) * 100).toFixed(5)} % of one core)`);
  return { figure: 'activity: msgs/min, CPU/min', value: `${perMinute}, ${cpuPerMinuteMs.toFixed(2)} ms`, goal: '≤ 20, ≤ 60 ms', pass: perMinute <= 20 && cpuPerMinuteMs <= 60 };
}

async function countRows(database: Database, table: 'reset_tokens'): Promise<number> {
  const row = await database.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function benchRequestReset(target: EngineUnderTest, smtp: { port: number; username: string; password: string }): Promise<Measured> {
  // The mail module's automatic runs are off on this core: the deferred work of a request (code, outbox row,
  // email) runs in full in `flush()` between two samples, as it would between two people asking. With it on, an
  // email still being sent when the next sample starts slows that sample down (×20 here): half the samples of
  // each side would be slow, and the medians would land anywhere between the two.
  const { core, close } = await mailCore(target, smtp.port, smtp, { mailAutoRun: false });
  try {
    const runs = 300;
    const names = Array.from({ length: runs + 5 }, (_, i) => `reset.user.${i}`);
    const now = Date.now();
    await core.database.kysely
      .insertInto('users')
      .values(names.map((username, i) => ({ username, display_name: `Reset ${i}`, email: `reset.${i}@usine.example`, role: 'technician', password_hash: 'x', password_changed_at: now, created_at: now, updated_at: now })))
      .execute();
    let k = 0;
    let u = 0;
    const time = (identifier: string) => timed(() => core.mail.tokens.requestReset(identifier));
    // The loopback SMTP server runs in this process: once an email is accepted, the connection's QUIT and TLS
    // teardown still run on this loop for a few milliseconds. Let them end before the next sample.
    const settle = async () => {
      await core.mail.flush();
      await new Promise((resolve) => setTimeout(resolve, 20));
    };
    const { a, b } = await interleave(
      runs,
      5,
      async () => {
        const t = await time(`nobody.${++u}`);
        await settle();
        return t;
      },
      async () => {
        const t = await time(names[k++]);
        await settle();
        return t;
      },
    );
    const unknown = median(a);
    const real = median(b);
    const ratio = real / unknown;
    const diff = (ratio - 1) * 100;
    const issued = await countRows(core.database, 'reset_tokens');
    console.log(`    requestReset: unknown name vs real account with an address, ${runs} interleaved pairs`);
    console.log(`    unknown name median:  ${us(unknown)}`);
    console.log(`    real account median:  ${us(real)}   (${issued} codes issued and sent after the answers)`);
    console.log(`    ratio real / unknown: ${ratio.toFixed(3)}   (${diff >= 0 ? '+' : ''}${diff.toFixed(2)} %, goal within ±3 %)`);
    return { figure: 'requestReset real / unknown', value: ratio.toFixed(3), goal: '0.97 – 1.03', pass: Math.abs(diff) <= 3 };
  } finally {
    await close();
  }
}

async function benchApprovalRequests(target: EngineUnderTest): Promise<Measured[]> {
  const wide = { max: 1_000_000, windowMs: 3_600_000 };
  const limits = { request: { perIdentifier: wide, perWorkstation: wide }, code: { perIdentifier: wide, perWorkstation: wide } };
  const run = async (responseFloorMs: number, pairs: number) => {
    const { core, close } = await openCore(target, { approvalTuning: { responseFloorMs, limits } });
    try {
      // Known accounts, each asked for twice: the first ask creates a request, the second finds it active.
      const known = Array.from({ length: Math.ceil((pairs + 2) / 2) }, (_, i) => `tech.${i}`);
      await core.database.kysely
        .insertInto('users')
        .values(known.map((name) => ({ username: name, display_name: name, role: 'technician', password_hash: 'unused', password_changed_at: 0, created_at: 0, updated_at: 0 })))
        .execute();
      const ask = async (identifier: string) => {
        const result = await core.dispatcher.dispatch({ windowId: 'kiosk', url: `${ORIGIN}/` }, 'approval:request', { identifier });
        if (!result.ok) throw new Error(`approval:request: ${result.error.code}`);
      };
      let u = 0;
      let k = 0;
      return await interleave(
        pairs,
        2,
        () => timed(() => ask(`inconnu.${++u}`)),
        () => timed(() => ask(known[k++ % known.length])),
      );
    } finally {
      await close();
    }
  };
  const raw = await run(0, 400);
  const floored = await run(250, 20);
  const rawRatio = median(raw.b) / median(raw.a);
  const flooredRatio = median(floored.b) / median(floored.a);
  console.log('    reset request by approval: unknown vs known name (same receipt either way)');
  console.log(`    raw work, 400 interleaved pairs: unknown ${ms(median(raw.a))}, known ${ms(median(raw.b))}, ratio ${rawRatio.toFixed(3)}`);
  console.log(`    with the 250 ms floor, 20 pairs:  unknown ${ms(median(floored.a))}, known ${ms(median(floored.b))}, ratio ${flooredRatio.toFixed(3)}   (goal within ±3 %)`);
  return [
    { figure: 'approval request raw k/u', value: rawRatio.toFixed(3), goal: 'informational', pass: true },
    { figure: 'approval request floor k/u', value: flooredRatio.toFixed(3), goal: '0.97–1.03', pass: Math.abs(flooredRatio - 1) <= 0.03 },
  ];
}

/** A throwaway core whose email points at `smtpPort`, with one user who has an address. */
async function mailCore(target: EngineUnderTest, smtpPort: number, smtpAuth: { username: string; password: string }, extra: Partial<CoreDeps> = {}) {
  const { core, close } = await openCore(target, {
    ...extra,
    bcryptCost: 4,
    // A stalled server keeps the worker waiting for a greeting through the whole measurement.
    mailTransport: await testTransportFactory({ greetingTimeoutMs: 120_000, connectionTimeoutMs: 120_000, socketTimeoutMs: 120_000 }),
  });
  try {
    const admin = { ...SENDER, windowId: 'bench-admin' };
    check(await core.dispatcher.dispatch(admin, 'auth:setupFirstAdmin', { username: USER, displayName: 'Bench', email: '', password: PASSWORD, passwordConfirmation: PASSWORD }), 'ok');
    await login(core, admin.windowId, USER, PASSWORD, 'ok');
    check(
      await core.dispatcher.dispatch(admin, 'email:updateSettings', {
        host: '127.0.0.1', port: smtpPort, security: 'starttls', username: smtpAuth.username, password: smtpAuth.password, clearPassword: false,
        senderName: 'Bench', senderAddress: 'bench@usine.example', appName: 'GMAO Atelier', siteName: 'Banc', sentRetentionDays: 30, resetCodeMinutes: 60,
      }),
      'ok',
    );
    const userId = await new UsersRepository(core.database.kysely).insert(
      { username: 'paul.martin', displayName: 'Paul', email: 'paul@usine.example', role: 'technician', passwordHash: 'x', mustChangePassword: false, locale: 'fr' },
      Date.now(),
    );
    return { core, userId, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function benchStalledSmtp(target: EngineUnderTest, smtp: { port: number; username: string; password: string }): Promise<Measured[]> {
  const stalled = await startStalledServer();
  const responsive = await mailCore(target, smtp.port, smtp);
  const stuck = await mailCore(target, stalled.port, smtp);
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  try {
    // Get the stuck core's worker waiting on the silent server before measuring.
    await stuck.core.mail.notifier.passwordChanged(stuck.userId);
    for (let i = 0; i < 200 && stalled.connections === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const pairs = 200;
    // The answers only: what runs after them (the request's processing) is left one turn, as before.
    const reset = await interleave(
      pairs,
      5,
      async () => {
        const t = await timed(() => responsive.core.mail.tokens.requestReset(`nobody.${Math.random()}`));
        await turn();
        return t;
      },
      async () => {
        const t = await timed(() => stuck.core.mail.tokens.requestReset(`nobody.${Math.random()}`));
        await turn();
        return t;
      },
    );
    const enqueue = await interleave(
      pairs,
      5,
      async () => {
        const t = await timed(() => responsive.core.mail.notifier.passwordChanged(responsive.userId));
        await turn();
        return t;
      },
      async () => {
        const t = await timed(() => stuck.core.mail.notifier.passwordChanged(stuck.userId));
        await turn();
        return t;
      },
    );
    const resetRatio = median(reset.b) / median(reset.a);
    const enqueueRatio = median(enqueue.b) / median(enqueue.a);
    const sending = (await stuck.core.mail.outbox.view()).counts.sending;
    console.log(`    with the SMTP server stalled (worker stuck: ${sending} sending) vs responsive, ${pairs} interleaved pairs`);
    console.log(`    requestReset:  responsive ${us(median(reset.a))}, stalled ${us(median(reset.b))}, ratio ${resetRatio.toFixed(3)}   (goal ≤ 2)`);
    console.log(`    outbox enqueue: responsive ${us(median(enqueue.a))}, stalled ${us(median(enqueue.b))}, ratio ${enqueueRatio.toFixed(3)}   (goal ≤ 2)`);
    return [
      { figure: 'requestReset stalled/live', value: resetRatio.toFixed(3), goal: '≤ 2', pass: resetRatio <= 2 },
      { figure: 'enqueue stalled/live', value: enqueueRatio.toFixed(3), goal: '≤ 2', pass: enqueueRatio <= 2 },
    ];
  } finally {
    // The silent server first: its sockets closed, the stuck send fails at once and that core can close.
    await stalled.close();
    await stuck.close();
    await responsive.close();
  }
}

async function benchThrottledAnswer(core: Core): Promise<Measured> {
  // Five failures make a name throttled; its next attempts are answered without bcrypt.
  const name = 'throttled.name';
  for (let i = 0; i < 5; i++) await login(core, 'bench-throttle', name, 'wrong horse battery', 'INVALID_CREDENTIALS');
  const raw = 'x'.repeat(44);
  const rawHash = await bcrypt.hash(raw, COST);
  const { a, b } = await interleave(
    10,
    1,
    () =>
      timed(async () => {
        const result = await core.dispatcher.dispatch({ ...SENDER, windowId: 'bench-throttle' }, 'auth:login', { identifier: name, password: PASSWORD });
        if (result.ok || result.error.code !== 'THROTTLED') throw new Error(`Expected THROTTLED, got ${result.ok ? 'ok' : result.error.code}`);
      }),
    () => timed(() => bcrypt.compare(raw, rawHash)),
  );
  const ratio = median(a) / median(b);
  console.log('    answer to a throttled name vs one bcrypt.compare (cost 12), 10 interleaved pairs');
  console.log(`    throttled answer median: ${ms(median(a))}, bcrypt.compare median: ${ms(median(b))}, ratio ${ratio.toFixed(4)}   (goal ≤ 0.05)`);
  return { figure: 'throttled answer / bcrypt', value: ratio.toFixed(4), goal: '≤ 0.05', pass: ratio <= 0.05 };
}

// ---- 8. Repository layer vs raw driver ------------------------------------------------------------------------

const AUDIT_ROWS = 100_000;
const PEOPLE = 1_000;
/** Rows per multi-row INSERT: 7 columns × 1000 = 7000 parameters, under both engines' limits (SQLite 32766, PostgreSQL 65535). */
const SEED_BATCH = 1_000;

/** A small deterministic generator (mulberry32): the same log on every run and engine. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 1,000 people and 100,000 audit entries over 90 days, every known event type, fast: one multi-row INSERT per
 * batch, all inside one transaction (on SQLite one fsync instead of a hundred; on PostgreSQL one commit).
 */
async function seedData(database: Database, now: number): Promise<{ personIds: number[] }> {
  const random = randomFrom(20_261_130);
  const people: Insertable<UsersTable>[] = Array.from({ length: PEOPLE }, (_, i) => ({
    username: `person.${String(i).padStart(4, '0')}`,
    display_name: `Personne ${i}`,
    email: `person.${i}@usine.example`,
    role: i % 10 === 0 ? 'maintenance_manager' : 'technician',
    password_hash: 'unused',
    password_changed_at: now,
    created_at: now,
    updated_at: now,
  }));
  const types = AUDIT_EVENT_GROUPS.flatMap((group) => group.types);
  return database.transaction(async (trx) => {
    const personIds: number[] = [];
    for (let i = 0; i < people.length; i += SEED_BATCH / 4) {
      const ids = await trx.insertInto('users').values(people.slice(i, i + SEED_BATCH / 4)).returning('id').execute();
      personIds.push(...ids.map((row) => row.id));
    }
    const pick = () => personIds[Math.floor(random() * personIds.length)];
    for (let done = 0; done < AUDIT_ROWS; done += SEED_BATCH) {
      const batch: Insertable<AuditLogTable>[] = [];
      for (let i = 0; i < SEED_BATCH; i++) {
        const type = types[Math.floor(random() * types.length)];
        const withSubject = random() < 0.7;
        batch.push({
          occurred_at: now - Math.floor(random() * 90 * DAY),
          event_type: type,
          actor_user_id: random() < 0.8 ? pick() : null,
          subject_user_id: withSubject ? pick() : null,
          subject_label: withSubject ? null : `inconnu.${Math.floor(random() * 500)}`,
          workstation: `poste-${1 + Math.floor(random() * 6)}`,
          details: random() < 0.5 ? JSON.stringify({ via: 'bench', n: done + i }) : null,
        });
      }
      await trx.insertInto('audit_log').values(batch).execute();
    }
    return { personIds };
  });
}

async function benchRepositoryVsRaw(target: EngineUnderTest): Promise<Measured[]> {
  const place = await target.newPlace();
  // The kernel alone: its UsersRepository and AuditRepository on the Database handle the app uses.
  const kernel = await createKernel({
    dataDir: place.dataDir,
    databaseUrl: place.databaseUrl,
    databaseSchema: place.databaseSchema,
    appVersion: 'bench',
    workstationName: 'bench',
    resourcesDir: REPO_RESOURCES_DIR,
    events: { send() {} },
    logger: quietLogger,
  });
  let raw: RawDriver | null = null;
  try {
    const now = Date.now();
    const seedStart = performance.now();
    await seedData(kernel.database, now);
    const seedMs = performance.now() - seedStart;
    // PostgreSQL's autovacuum gathers the planner's statistics within a minute of such a load; do it now. SQLite
    // is left as the app leaves it (it never runs ANALYZE).
    if (target.engine === 'postgres') await sql`analyze`.execute(kernel.database.kysely);

    const username = 'person.0421';
    const criteria = {
      eventTypes: AUDIT_EVENT_GROUPS.find((group) => group.id === 'logins')?.types ?? [],
      fromMs: now - 30 * DAY,
      beforeMs: now,
    };
    const lookupQuery = await statementOf(target.engine, (db) => new UsersRepository(db).findByLogin(username));
    const pageQuery = await statementOf(target.engine, (db) => new AuditRepository(db, 'bench').search(criteria, 50, 0));
    raw = await rawDriver(kernel.database, target, place);
    const driver = raw;

    // Both sides must answer the same rows, or the comparison means nothing.
    const user = await kernel.users.findByLogin(username);
    const rawUser = await driver.all(lookupQuery);
    if (!user || rawUser.length !== 1 || String(rawUser[0].id) !== String(user.id)) throw new Error('Point lookup: repository and raw driver disagree');
    const page = await kernel.audit.search(criteria, 50, 0);
    const rawPage = await driver.all(pageQuery);
    if (page.length !== 50 || page.map((r) => String(r.id)).join() !== rawPage.map((r) => String(r.id)).join()) throw new Error('Audit page: repository and raw driver disagree');
    const matching = await kernel.audit.count(criteria);

    // Per sample: enough calls to take a few milliseconds on this engine.
    const lookupsPerSample = target.engine === 'sqlite' ? 400 : 40;
    const pagesPerSample = target.engine === 'sqlite' ? 10 : 5;
    const lookups = await interleave(
      41,
      4,
      () => timed(repeated(lookupsPerSample, () => kernel.users.findByLogin(username))),
      () => timed(repeated(lookupsPerSample, () => driver.all(lookupQuery))),
    );
    const pages = await interleave(
      41,
      4,
      () => timed(repeated(pagesPerSample, () => kernel.audit.search(criteria, 50, 0))),
      () => timed(repeated(pagesPerSample, () => driver.all(pageQuery))),
    );
    const lookupRatio = median(lookups.a) / median(lookups.b);
    const pageRatio = median(pages.a) / median(pages.b);
    const rawName = target.engine === 'sqlite' ? "better-sqlite3's prepared statement" : "pg's client.query";
    console.log(`    repository layer vs raw driver (${rawName}), the same SQL text and parameters; 41 interleaved pairs`);
    console.log(`    seeded ${PEOPLE} users and ${AUDIT_ROWS.toLocaleString('en')} audit entries in ${ms(seedMs)} (multi-row INSERTs of ${SEED_BATCH}, one transaction)`);
    console.log(`    point lookup (UsersRepository.findByLogin), ${lookupsPerSample} per sample: repository ${us(median(lookups.a) / lookupsPerSample)}, raw ${us(median(lookups.b) / lookupsPerSample)} per call, ratio ${lookupRatio.toFixed(3)}   (information)`);
    console.log(`    audit page (AuditRepository.search: 50 of ${matching} matching, ${criteria.eventTypes.length} types, last 30 days, newest first), ${pagesPerSample} per sample:`);
    console.log(`      repository ${ms(median(pages.a) / pagesPerSample)}, raw ${ms(median(pages.b) / pagesPerSample)} per call, ratio ${pageRatio.toFixed(3)}   (goal ≤ 1.2)`);
    console.log(`    the statement: ${pageQuery.sql.replace(/\s+/g, ' ')}`);
    return [
      { figure: 'user lookup repo / raw', value: lookupRatio.toFixed(3), goal: 'informational', pass: true },
      { figure: 'audit page repo / raw', value: pageRatio.toFixed(3), goal: '≤ 1.2', pass: pageRatio <= 1.2 },
    ];
  } finally {
    await raw?.close();
    await kernel.database.close();
    await place.dispose();
  }
}

// ---- 9. Maintenance on a seeded plant ---------------------------------------------------------------------------

const PLANT_SCALE = process.argv.includes('--plant-scale');
/** Small-ish by default (a run stays short); `--plant-scale`: the issue's plant. */
const PLANT = PLANT_SCALE ? { equipment: 5000, requests: 20_000, workOrders: 100_000 } : { equipment: 1000, requests: 4000, workOrders: 20_000 };
const OPEN_STATUSES = ['draft', 'planned', 'in_progress', 'on_hold'] as const;

/** One page of the OT list as the issue asks for it: statuses, a location subtree, free text, due date NULLs last. */
interface OtListPage {
  statuses: readonly string[];
  /** The chosen location and everything under it (site → zones → lines). */
  locationIds: readonly number[];
  /** What the person typed; matched folded (accents and case ignored) against `search_text`. */
  text: string | null;
  /** Keyset: the last row of the previous page. */
  after: { dueAt: number | null; id: number } | null;
  limit: number;
}

/**
 * The raw SQL baseline of the OT list, written by hand (no Kysely): what a careful person would send for this page.
 * The lists helper's repository is measured against it, on the same data, in the same run.
 * The keyset is a row-value comparison `(due_at, id) > (?, ?)`, which both engines seek in the (status, due_at, id)
 * index; the rows without a due date (last) come from a second branch. The plain OR form (`due_at > ? or (due_at = ?
 * and id > ?) or due_at is null`) cannot seek: on PostgreSQL it filtered 70,000 rows for a deep page of closed OT
 * at plant scale (300 ms instead of 1.3 ms).
 */
function rawOtListQuery(engine: Engine, page: OtListPage): CompiledQuery {
  const parameters: unknown[] = [];
  const p = (value: unknown) => {
    parameters.push(value);
    return engine === 'postgres' ? `$${parameters.length}` : '?';
  };
  const columns = `wo.id, wo.number, wo.type, wo.priority, wo.status, wo.title, wo.due_at, wo.planned_at, wo.location_id,
            e.code as equipment_code, e.designation as equipment_designation
       from work_orders wo join equipment e on e.id = wo.equipment_id`;
  // Called once per occurrence: placeholders are numbered (PostgreSQL) or positional (SQLite) in text order.
  const filters = () => {
    const where = [`wo.status in (${page.statuses.map(p).join(', ')})`, `wo.location_id in (${page.locationIds.map(p).join(', ')})`];
    if (page.text) where.push(`wo.search_text like ${p(`%${escapeLike(foldText(page.text))}%`)} escape '\\'`);
    return where.join(' and ');
  };
  const after = page.after;
  if (!after) return CompiledQuery.raw(`select ${columns} where ${filters()} order by wo.due_at asc nulls last, wo.id asc limit ${p(page.limit)}`, parameters);
  if (after.dueAt === null) {
    return CompiledQuery.raw(`select ${columns} where ${filters()} and wo.due_at is null and wo.id > ${p(after.id)} order by wo.id asc limit ${p(page.limit)}`, parameters);
  }
  return CompiledQuery.raw(
    `select * from (
       select * from (select ${columns} where ${filters()} and (wo.due_at, wo.id) > (${p(after.dueAt)}, ${p(after.id)}) order by wo.due_at asc, wo.id asc limit ${p(page.limit)}) as dated
       union all
       select * from (select ${columns} where ${filters()} and wo.due_at is null order by wo.id asc limit ${p(page.limit)}) as undated
     ) as page
     order by page.due_at asc nulls last, page.id asc
     limit ${p(page.limit)}`,
    parameters,
  );
}

/** The same page through the app's repository (what `workOrders:list` runs), with the raw baseline's very filter. */
async function otListThroughRepository(db: Kysely<Schema>, page: OtListPage, rootLocationId: number): Promise<{ id: number }[] | null> {
  void rootLocationId; // the subtree's ids are resolved by the caller, as workOrders:list resolves them before the query
  const result = await new WorkOrdersListRepository(db).page(
    {
      statuses: page.statuses as WorkOrdersListQuery['statuses'],
      types: null,
      priorities: null,
      equipmentId: null,
      locationIds: page.locationIds,
      assigneeId: null,
      holdReason: null,
      dueBefore: null,
      dateField: 'due',
      from: null,
      to: null,
      text: page.text,
      sort: 'due',
      direction: 'asc',
    },
    page.after ? { value: page.after.dueAt, id: page.after.id } : null,
    page.limit,
  );
  return result.rows.map((row) => ({ id: row.id }));
}

/** Empties the DI throttle counters: the bench reports far more than a person may in ten minutes. */
async function clearRequestThrottle(core: Core): Promise<void> {
  await core.database.kysely.deleteFrom('login_throttle').where('identifier', 'like', 'DI-%').execute();
}

/** One DI reported through the dispatcher by the requester signed in on `windowId`, as the quick form sends it. */
async function reportRequestThroughDispatcher(core: Core, windowId: string, equipmentCode: string, symptom: string): Promise<IpcResult<unknown> | null> {
  return core.dispatcher.dispatch({ windowId, url: `${ORIGIN}/` }, 'requests:report', { equipmentCode, symptom, machineStopped: false });
}


async function benchMaintenance(target: EngineUnderTest): Promise<Measured[]> {
  const { core, place, close } = await openCore(target, { bcryptCost: 4 });
  let raw: RawDriver | null = null;
  try {
    const seedStart = performance.now();
    const seeded = await seedPlant(core.database, { ...PLANT, seed: 42, bcryptCost: 4 });
    const seedMs = performance.now() - seedStart;
    console.log(`    seeded ${PLANT.equipment.toLocaleString('en')} equipment, ${PLANT.requests.toLocaleString('en')} DI, ${PLANT.workOrders.toLocaleString('en')} OT (${seeded.counts.work_order_events.toLocaleString('en')} history lines, ${seeded.counts.time_entries.toLocaleString('en')} time entries) in ${(seedMs / 1000).toFixed(1)} s`);
    raw = await rawDriver(core.database, target, place);
    const driver = raw;
    const rows: Measured[] = [];
    const perSample = (sqlite: number, postgres: number) => (target.engine === 'sqlite' ? sqlite : postgres);
    const rawName = target.engine === 'sqlite' ? "better-sqlite3's prepared statement" : "pg's client.query";

    // -- Equipment search: the repository vs the raw driver running its very statement.
    const equipmentRepository = new EquipmentRepository(core.database.kysely);
    const code = String((await driver.all(CompiledQuery.raw('select code from equipment where parent_id is null order by id limit 1 offset 41')))[0].code);
    const designation = 'Pompe à palettes';
    const byCode = await statementOf(target.engine, (db) => new EquipmentRepository(db).findByCode(code));
    const byText = await statementOf(target.engine, (db) => new EquipmentRepository(db).search(designation, 20));
    const found = await equipmentRepository.findByCode(code);
    if (!found || String((await driver.all(byCode))[0]?.id) !== String(found.id)) throw new Error('Equipment by code: repository and raw driver disagree');
    const matches = await equipmentRepository.search(designation, 20);
    sameIds('Equipment search', matches, await driver.all(byText));
    const codeRuns = perSample(400, 40);
    const textRuns = perSample(20, 10);
    const codes = await interleave(31, 3, () => timed(repeated(codeRuns, () => equipmentRepository.findByCode(code))), () => timed(repeated(codeRuns, () => driver.all(byCode))));
    const texts = await interleave(31, 3, () => timed(repeated(textRuns, () => equipmentRepository.search(designation, 20))), () => timed(repeated(textRuns, () => driver.all(byText))));
    const codeRatio = median(codes.a) / median(codes.b);
    const textRatio = median(texts.a) / median(texts.b);
    console.log(`    equipment search, EquipmentRepository vs ${rawName} (same SQL), 31 interleaved pairs:`);
    console.log(`      by code (${code}): repository ${us(median(codes.a) / codeRuns)}, raw ${us(median(codes.b) / codeRuns)} per call, ratio ${codeRatio.toFixed(3)}   (information)`);
    console.log(`      by designation (« ${designation} », ${matches.length} of 20 shown): repository ${ms(median(texts.a) / textRuns)}, raw ${ms(median(texts.b) / textRuns)} per call, ratio ${textRatio.toFixed(3)}   (information)`);
    rows.push({ figure: 'equipment by code repo/raw', value: codeRatio.toFixed(3), goal: 'informational', pass: true });
    rows.push({ figure: 'equipment search repo/raw', value: textRatio.toFixed(3), goal: 'informational', pass: true });

    // -- The OT list: open statuses under one site, with and without free text; closed ones under one atelier, deep.
    const locations = (await driver.all(CompiledQuery.raw('select id, parent_id, code from locations'))).map((r) => ({ id: Number(r.id), parent: r.parent_id === null ? null : Number(r.parent_id), code: String(r.code) }));
    const subtree = (rootCode: string) => {
      const root = locations.find((l) => l.code === rootCode);
      if (!root) throw new Error(`No location ${rootCode}`);
      const ids = [root.id];
      for (let i = 0; i < ids.length; i++) for (const l of locations) if (l.parent === ids[i]) ids.push(l.id);
      return { root: root.id, ids };
    };
    const site = subtree('LYO');
    const atelier = subtree('LYO-PRS');
    const cases: { name: string; short: string; root: number; page: OtListPage; depth: number }[] = [
      { name: 'open OT, site, page 1', short: 'OT list open p1', root: site.root, page: { statuses: OPEN_STATUSES, locationIds: site.ids, text: null, after: null, limit: 50 }, depth: 0 },
      { name: 'open OT, site, deep page', short: 'OT list open deep', root: site.root, page: { statuses: OPEN_STATUSES, locationIds: site.ids, text: null, after: null, limit: 50 }, depth: 0.8 },
      { name: 'open OT, site, « presse », page 1', short: 'OT list open+text p1', root: site.root, page: { statuses: OPEN_STATUSES, locationIds: site.ids, text: 'presse', after: null, limit: 50 }, depth: 0 },
      { name: 'closed OT, atelier, page 1', short: 'OT list closed p1', root: atelier.root, page: { statuses: ['closed'], locationIds: atelier.ids, text: null, after: null, limit: 50 }, depth: 0 },
      { name: 'closed OT, atelier, deep page', short: 'OT list closed deep', root: atelier.root, page: { statuses: ['closed'], locationIds: atelier.ids, text: null, after: null, limit: 50 }, depth: 0.8 },
    ];
    console.log(`    OT list (50 rows, due date NULLs last then id, keyset), the lists repository vs the hand-written raw SQL (${rawName}), 31 interleaved pairs:`);
    const listRuns = perSample(10, 5);
    for (const c of cases) {
      const all = await driver.all(rawOtListQuery(target.engine, { ...c.page, limit: 1_000_000 }));
      const start = Math.floor((all.length * c.depth) / 50) * 50;
      const previous = start > 0 ? all[start - 1] : null;
      const page: OtListPage = { ...c.page, after: previous ? { dueAt: previous.due_at === null ? null : Number(previous.due_at), id: Number(previous.id) } : null };
      const query = rawOtListQuery(target.engine, page);
      const rawRows = await driver.all(query);
      if (rawRows.map((r) => String(r.id)).join() !== all.slice(start, start + 50).map((r) => String(r.id)).join()) throw new Error(`${c.name}: the keyset page is not the offset page`);
      const where = `rows ${start + 1}–${start + rawRows.length} of ${all.length}`;
      const repositoryRows = await otListThroughRepository(core.database.kysely, page, c.root);
      if (repositoryRows === null) {
        const times: number[] = [];
        for (let i = 0; i < 34; i++) times.push(await timed(repeated(listRuns, () => driver.all(query))));
        const rawMs = median(times.slice(3)) / listRuns;
        console.log(`      ${c.name} (${where}): raw ${ms(rawMs)} per page; repository: slot not filled yet (lists branch)   (goal ≤ 1.3)`);
        rows.push({ figure: c.short, value: `raw ${ms(rawMs)}`, goal: '≤ 1.3 (slot)', pass: true });
        continue;
      }
      sameIds(c.name, repositoryRows, rawRows);
      const pages = await interleave(
        31,
        3,
        () => timed(repeated(listRuns, () => otListThroughRepository(core.database.kysely, page, c.root))),
        () => timed(repeated(listRuns, () => driver.all(query))),
      );
      const ratio = median(pages.a) / median(pages.b);
      console.log(`      ${c.name} (${where}): repository ${ms(median(pages.a) / listRuns)}, raw ${ms(median(pages.b) / listRuns)} per page, ratio ${ratio.toFixed(3)}   (goal ≤ 1.3)`);
      rows.push({ figure: c.short, value: ratio.toFixed(3), goal: '≤ 1.3', pass: ratio <= 1.3 });
    }
    console.log(`    the raw statement (page 1, with text): ${rawOtListQuery(target.engine, cases[2].page).sql.replace(/\s+/g, ' ')}`);

    // -- A DI end to end through the dispatcher vs the raw writes a DI needs at least (its number and its row).
    const requester = seeded.accounts.find((a) => a.role === 'requester');
    const windowId = 'bench-requester';
    check(await core.dispatcher.dispatch({ ...SENDER, windowId }, 'auth:login', { identifier: requester?.username ?? '', password: DEMO_PASSWORD }), 'ok');
    const target0 = (await driver.all(CompiledQuery.raw(`select id, location_id from equipment where code = ${target.engine === 'postgres' ? '$1' : '?'}`, [code])))[0];
    const year = new Date().getFullYear();
    const ph = (n: number) => (target.engine === 'postgres' ? `$${n}` : '?');
    const begin = CompiledQuery.raw(target.engine === 'postgres' ? 'begin' : 'begin immediate');
    const commit = CompiledQuery.raw('commit');
    const nextNumber = CompiledQuery.raw(
      `insert into number_sequences (name, last_value) values (${ph(1)}, 1) on conflict (name) do update set last_value = number_sequences.last_value + 1 returning last_value`,
      [`DI-${year}`],
    );
    let n = 0;
    const rawReport = async () => {
      const symptom = `Bruit anormal au démarrage ${++n}`;
      const now = Date.now();
      await driver.run(begin);
      const value = Number((await driver.all(nextNumber))[0].last_value);
      const number = `DI-${year}-${String(value).padStart(6, '0')}`;
      await driver.all(
        CompiledQuery.raw(
          `insert into work_requests (number, equipment_id, location_id, symptom, machine_stopped, status, reporter_name, workstation, search_text, created_at, updated_at)
           values (${[1, 2, 3, 4].map(ph).join(', ')}, 0, 'new', 'bench', 'bench', ${ph(5)}, ${ph(6)}, ${ph(7)}) returning id`,
          [number, target0.id, target0.location_id, symptom, foldText(number, symptom), now, now],
        ),
      );
      await driver.run(commit);
    };
    const probe = await reportRequestThroughDispatcher(core, windowId, code, 'Bruit anormal au démarrage');
    if (probe === null) {
      const times: number[] = [];
      for (let i = 0; i < 44; i++) times.push(await timed(rawReport));
      const rawMs = median(times.slice(3));
      console.log(`    DI reported: raw writes (number + row, one transaction) ${us(rawMs)}; through the dispatcher: slot not filled yet (requests branch)   (information)`);
      rows.push({ figure: 'DI report (raw only)', value: us(rawMs), goal: 'informational', pass: true });
    } else {
      if (!probe.ok) throw new Error(`requests:report: ${probe.error.code}`);
      let k = 0;
      const reports = await interleave(
        41,
        3,
        // The DI counter of this person (10 reports per 10 minutes) is emptied before each call, outside the timing.
        () =>
          clearRequestThrottle(core).then(() =>
            timed(async () => {
              const result = await reportRequestThroughDispatcher(core, windowId, code, `Bruit anormal au démarrage ${++k}`);
              if (!result?.ok) throw new Error(`requests:report failed during the bench: ${result?.ok === false ? result.error.code : 'no answer'}`);
            }),
          ),
        () => timed(rawReport),
      );
      const ratio = median(reports.a) / median(reports.b);
      console.log(`    DI reported through the dispatcher ${ms(median(reports.a))} vs the raw writes ${ms(median(reports.b))}, ratio ${ratio.toFixed(2)}   (information)`);
      rows.push({ figure: 'DI report dispatch/raw', value: ratio.toFixed(2), goal: 'informational', pass: true });
    }
    return rows;
  } finally {
    await raw?.close();
    await close();
  }
}

// ---- The run ----------------------------------------------------------------------------------------------------

const SECTIONS = ['login', 'eventloop', 'unknown', 'activity', 'reset', 'approval', 'smtp', 'throttle', 'data', 'maintenance', 'preventive', 'forecast', 'stock', 'indicators', 'planning'] as const;
type Section = (typeof SECTIONS)[number];
/** The numbers of the list at the top of this file. */
const SECTION_NUMBER: Record<Section, string> = { login: '1', eventloop: '2', unknown: '3', activity: '4', reset: '5', approval: '6', smtp: '7a', throttle: '7b', data: '8', maintenance: '9', preventive: '10', forecast: '11', planning: '12', stock: '13', indicators: '14' };

function readOption(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  if (index >= 0) return process.argv[index + 1];
  return process.argv.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}

async function benchEngine(target: EngineUnderTest, wanted: ReadonlySet<Section>, smtp: Awaited<ReturnType<typeof startSmtpTestServer>>): Promise<Row[]> {
  const rows: Row[] = [];
  const section = async (name: Section, title: string, run: () => Promise<Measured | Measured[]>) => {
    if (!wanted.has(name)) return;
    console.log(`\n[${SECTION_NUMBER[name]}] ${title} — ${target.label}`);
    const measured = await run();
    for (const row of Array.isArray(measured) ? measured : [measured]) rows.push({ engine: target.label, ...row });
  };

  const needsMainCore = (['login', 'eventloop', 'unknown', 'activity', 'throttle'] as const).some((name) => wanted.has(name));
  const main = needsMainCore ? await openCore(target) : null;
  try {
    if (main) {
      const { core } = main;
      check(
        await core.dispatcher.dispatch(SENDER, 'auth:setupFirstAdmin', { username: USER, displayName: 'Bench', email: 'bench@example.com', password: PASSWORD, passwordConfirmation: PASSWORD }),
        'ok',
      );
      await section('login', 'Login handler vs raw bcrypt.compare', () => benchLoginVsCompare(core));
      await section('eventloop', 'Event loop during 8 concurrent logins', () => benchEventLoop(core));
      await section('unknown', 'Unknown user vs wrong password', () => benchUnknownVsWrong(core));
      await section('activity', 'Activity messages', () => benchActivity(core));
    }
    await section('reset', 'Forgot password: requestReset', () => benchRequestReset(target, smtp));
    await section('approval', 'Reset request by approval', () => benchApprovalRequests(target));
    await section('smtp', 'Answers while the SMTP server stalls', () => benchStalledSmtp(target, smtp));
    // Last on the main core: it leaves a throttled name behind.
    if (main) await section('throttle', 'Throttled answer', () => benchThrottledAnswer(main.core));
    await section('data', 'Repository layer vs raw driver', () => benchRepositoryVsRaw(target));
    await section('maintenance', `Maintenance on a seeded plant${PLANT_SCALE ? ' (plant scale)' : ''}`, () => benchMaintenance(target));
    await section('preventive', 'Préventif generator over 2 000 plans', () => benchPreventive(target));
    await section('forecast', 'Préventif: 12-month forecast of every plan', () => benchForecast(target));
    await section('stock', 'Magasin: a part\'s availability and the reorder list', () => benchStock(target));
    await section('indicators', `KPI dashboard on a seeded plant${PLANT_SCALE ? ' (plant scale)' : ''}`, () => benchIndicators(target));
    await section('planning', 'Planning: the month of 30 technicians, repository vs raw SQL', () => benchPlanning(target));
  } finally {
    await main?.close();
  }
  return rows;
}

async function main() {
  const engineOption = readOption('--engine');
  if (engineOption !== undefined && engineOption !== 'sqlite' && engineOption !== 'postgres') throw new Error(`--engine: sqlite or postgres, not ${engineOption}`);
  const onlyOption = readOption('--only');
  const wanted = new Set<Section>(onlyOption ? (onlyOption.split(',') as Section[]) : SECTIONS);
  for (const name of wanted) if (!SECTIONS.includes(name)) throw new Error(`--only: unknown section ${name} (${SECTIONS.join(', ')})`);

  console.log('GMAO Atelier benchmark (ratios of medians of interleaved runs; goals are informational)');
  console.log(`  machine: ${os.cpus().length} CPU(s), ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  console.log(`  UV_THREADPOOL_SIZE: ${process.env.UV_THREADPOOL_SIZE ?? '(unset, libuv default 4)'}`);

  const targets: EngineUnderTest[] = [];
  const notes: string[] = [];
  let server: PostgresServer | null = null;
  if (engineOption !== 'postgres') targets.push(sqliteEngine());
  if (engineOption !== 'sqlite') {
    const found = await acquirePostgres(['GMAO_BENCH_DATABASE_URL', 'GMAO_TEST_DATABASE_URL']);
    if ('reason' in found) {
      notes.push(`PostgreSQL not measured: ${found.reason}`);
    } else {
      server = found;
      targets.push(postgresEngine(found));
    }
  }
  // A throwaway cluster must not outlive the run, even when it is interrupted.
  const stopServer = () => server?.stop();
  process.on('exit', stopServer);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
  console.log(`  engines: ${targets.map((t) => (t.url ? `${t.label} (${server?.source})` : t.label)).join(', ') || 'none'}`);
  for (const note of notes) console.log(`  ${note}`);

  const smtp = await startSmtpTestServer();
  const rows: Row[] = [];
  try {
    for (const target of targets) {
      try {
        rows.push(...(await benchEngine(target, wanted, smtp)));
      } catch (error) {
        // One engine failing (a domain not converted yet, a server gone) must not hide the other's figures.
        console.log(`\n${target.label}: the bench stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        rows.push({ engine: target.label, figure: '(bench stopped)', value: '—', goal: '—', pass: false });
      }
    }
  } finally {
    await smtp.close();
    stopServer();
  }

  console.log('\nSummary (informational: always exits 0)');
  console.log(`  ${'engine'.padEnd(12)}${'figure'.padEnd(30)}${'measured'.padEnd(16)}${'goal'.padEnd(16)}result`);
  for (const r of rows) console.log(`  ${r.engine.padEnd(12)}${r.figure.padEnd(30)}${r.value.padEnd(16)}${r.goal.padEnd(16)}${r.pass ? 'PASS' : 'FAIL'}`);
  for (const note of notes) console.log(`  ${note}`);
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
}
process.exit(0);
