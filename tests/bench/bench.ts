// Node (dev only). `npm run bench`: measures what the login path costs, through the real core and IPC
// dispatcher, at the production bcrypt cost (12).
//
//  1. Login vs raw bcrypt.compare: bcrypt must be nearly all of a login's time. Anything else on the
//     path (validation, HMAC pre-hash, SQLite, audit) should stay under 5 % of it.
//  2. Event-loop p99 delay during 8 concurrent logins: hashing runs on libuv's thread pool, so main's
//     loop must stay responsive (≤ 10 ms) while a whole workshop signs in at once.
//  3. Unknown user vs wrong password: both must cost the same (within 3 %), or response times would
//     tell an attacker which usernames exist.
//  5. Forgot password: `requestReset` for an unknown name vs a real account with an address (email on, a
//     real loopback SMTP server receiving): the answer must cost the same (within 3 %), the account-dependent
//     work (code, email) runs after it.
//  4. Activity messages: how many a minute of continuous typing sends (the renderer's throttle), and the
//     main-process CPU time they cost (real `session:activity` calls through the dispatcher).
//  5. "Demander à un administrateur" (approval:request) for unknown vs known names: the raw work of both paths
//     (no floor), then the answer time with the app's 250 ms floor. Neither may tell which names exist.
//  7. Work that must neither wait for the network nor hash, as ratios (these were wall-clock limits in the unit
//     tests, which flaked on loaded machines; the tests now check the behaviour):
//     - requestReset and an outbox enqueue with the SMTP server stalled vs responsive (goal ≤ 2: the answer
//       doesn't depend on the server);
//     - the answer to a throttled name vs one cost-12 bcrypt.compare (goal ≤ 0.05: no hash is run).
//
// Goals are informational: the run always exits 0, because shared machines are noisy.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import bcrypt from 'bcrypt';
import type { IpcResult } from '../../shared/contract';
import { createCore, type Core } from '../../electron/core/create-core';
import { createActivityThrottle } from '../../renderer/src/features/session/activity-forwarder';
import { REPO_RESOURCES_DIR } from '../support/repo-paths';
import { UsersRepository } from '../../electron/core/kernel/identity/users-repository';
import { startSmtpTestServer, startStalledServer, testTransportFactory } from '../support/smtp-test-server';

const ORIGIN = 'http://bench.local';
const SENDER = { windowId: 'bench-1', url: `${ORIGIN}/` };
const USER = 'bench.user';
const PASSWORD = 'correct horse battery';
const COST = 12;

interface Row {
  figure: string;
  value: string;
  goal: string;
  pass: boolean;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** A bench that measures error paths by mistake measures nothing: fail loudly instead. */
function check(result: IpcResult<unknown>, want: 'ok' | 'INVALID_CREDENTIALS'): void {
  const got = result.ok ? 'ok' : result.error.code;
  if (got !== want) throw new Error(`Expected ${want}, got ${got}`);
}

async function login(core: Core, windowId: string, identifier: string, password: string, want: 'ok' | 'INVALID_CREDENTIALS') {
  const sender = { ...SENDER, windowId };
  check(await core.dispatcher.dispatch(sender, 'auth:login', { identifier, password }), want);
}

async function logout(core: Core, windowId: string) {
  check(await core.dispatcher.dispatch({ ...SENDER, windowId }, 'auth:logout', undefined), 'ok');
}

/** Runs A and B alternately (ABAB, then BABA…) so drift and order effects hit both sides alike. */
async function interleave(pairs: number, warmups: number, a: () => Promise<number>, b: () => Promise<number>) {
  const times = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < warmups + pairs; i++) {
    const [first, second] = i % 2 ? [b, a] : [a, b];
    const t1 = await first();
    const t2 = await second();
    if (i < warmups) continue;
    const [ta, tb] = i % 2 ? [t2, t1] : [t1, t2];
    times.a.push(ta);
    times.b.push(tb);
  }
  return times;
}

async function benchLoginVsCompare(core: Core): Promise<Row> {
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
  console.log('\n[1] Login handler vs raw bcrypt.compare (cost 12), 15 interleaved pairs');
  console.log(`    login (IPC dispatch) median: ${ms(median(a))}`);
  console.log(`    bcrypt.compare median:       ${ms(median(b))}`);
  console.log(`    ratio of medians:            ${ratio.toFixed(3)}   (goal ≤ 1.05)`);
  return { figure: 'login / bcrypt.compare', value: ratio.toFixed(3), goal: '≤ 1.05', pass: ratio <= 1.05 };
}

async function benchEventLoop(core: Core): Promise<Row> {
  const windows = Array.from({ length: 8 }, (_, i) => `bench-concurrent-${i + 1}`);
  const p99s: number[] = [];
  console.log('\n[2] Event-loop delay during 8 concurrent logins, 3 batches');
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
  console.log(`    p99 worst: ${ms(worst)}, median: ${ms(median(p99s))}   (goal ≤ 10 ms)`);
  return { figure: 'event-loop p99 (worst of 3)', value: ms(worst), goal: '≤ 10 ms', pass: worst <= 10 };
}

async function benchUnknownVsWrong(core: Core): Promise<Row> {
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
  console.log('\n[3] Unknown user vs wrong password (both INVALID_CREDENTIALS), 25 interleaved pairs');
  console.log(`    unknown user median:   ${ms(unknown)}`);
  console.log(`    wrong password median: ${ms(wrong)}`);
  console.log(`    difference:            ${diff >= 0 ? '+' : ''}${diff.toFixed(2)} %   (goal within ±3 %)`);
  return { figure: 'unknown vs wrong password', value: `${diff >= 0 ? '+' : ''}${diff.toFixed(2)} %`, goal: '|Δ| ≤ 3 %', pass: Math.abs(diff) <= 3 };
}

async function benchActivity(core: Core): Promise<Row> {
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
  console.log('\n[4] Activity messages during continuous typing');
  console.log(`    messages per minute of typing: ${perMinute} (8 keys/s through the renderer's throttle)`);
  console.log(`    main CPU per message: ${cpuPerCallUs.toFixed(1)} µs (${calls} real calls, ${ms(wall)} wall)`);
  console.log(`    main CPU per minute of typing: ${cpuPerMinuteMs.toFixed(3)} ms (${((cpuPerMinuteMs / 60_000) * 100).toFixed(5)} % of one core)`);
  return { figure: 'activity: msgs/min, CPU/min', value: `${perMinute}, ${cpuPerMinuteMs.toFixed(2)} ms`, goal: '≤ 20, ≤ 60 ms', pass: perMinute <= 20 && cpuPerMinuteMs <= 60 };
}

async function benchRequestReset(core: Core, setImmediateTurn: () => Promise<void>): Promise<Row> {
  const runs = 300;
  const users = new UsersRepository(core.db);
  const known = Array.from({ length: runs + 5 }, (_, i) =>
    users.insert(
      { username: `reset.user.${i}`, displayName: `Reset ${i}`, email: `reset.${i}@usine.example`, role: 'technician', passwordHash: 'x', mustChangePassword: false, locale: 'fr' },
      Date.now(),
    ),
  ).map((_, i) => `reset.user.${i}`);
  let k = 0;
  let u = 0;
  const time = (identifier: string) => {
    const start = performance.now();
    core.mail.tokens.requestReset(identifier);
    return performance.now() - start;
  };
  // Between two requests the deferred work (code, outbox row) runs, as it would between two people asking.
  const { a, b } = await interleave(
    runs,
    5,
    async () => {
      const t = time(`nobody.${++u}`);
      await setImmediateTurn();
      return t;
    },
    async () => {
      const t = time(known[k++]);
      await setImmediateTurn();
      return t;
    },
  );
  const unknown = median(a);
  const real = median(b);
  const ratio = real / unknown;
  const diff = (ratio - 1) * 100;
  const issued = core.db.prepare('SELECT COUNT(*) FROM reset_tokens').pluck().get() as number;
  console.log(`\n[5] requestReset: unknown name vs real account with an address, ${runs} interleaved pairs`);
  console.log(`    unknown name median:  ${(unknown * 1000).toFixed(1)} µs`);
  console.log(`    real account median:  ${(real * 1000).toFixed(1)} µs   (${issued} codes issued and queued after the answers)`);
  console.log(`    ratio real / unknown: ${ratio.toFixed(3)}   (${diff >= 0 ? '+' : ''}${diff.toFixed(2)} %, goal within ±3 %)`);
  return { figure: 'requestReset real / unknown', value: ratio.toFixed(3), goal: '0.97 – 1.03', pass: Math.abs(diff) <= 3 };
}

async function benchApprovalRequests(): Promise<Row[]> {
  const wide = { max: 1_000_000, windowMs: 3_600_000 };
  const limits = { request: { perIdentifier: wide, perWorkstation: wide }, code: { perIdentifier: wide, perWorkstation: wide } };
  const run = async (responseFloorMs: number, pairs: number) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-bench-approval-'));
    const core = createCore({
      dataDir,
      appVersion: 'bench',
      workstationName: 'bench',
      resourcesDir: REPO_RESOURCES_DIR,
      trustedOrigins: [ORIGIN],
      events: { send() {} },
      logger: { info() {}, warn() {}, error() {} },
      tickIntervalMs: 0,
      approvalTuning: { responseFloorMs, limits },
    });
    try {
      // Known accounts, each asked for twice: the first ask creates a request, the second finds it active.
      const insert = core.db.prepare(
        `INSERT INTO users (username, display_name, role, password_hash, password_changed_at, created_at, updated_at)
         VALUES (?, ?, 'technician', 'unused', 0, 0, 0)`,
      );
      const known = Array.from({ length: Math.ceil((pairs + 2) / 2) }, (_, i) => `tech.${i}`);
      known.forEach((name) => insert.run(name, name));
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
      core.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  };
  const raw = await run(0, 400);
  const floored = await run(250, 20);
  const rawRatio = median(raw.b) / median(raw.a);
  const flooredRatio = median(floored.b) / median(floored.a);
  console.log('\n[6] Reset request by approval: unknown vs known name (same receipt either way)');
  console.log(`    raw work, 400 interleaved pairs: unknown ${ms(median(raw.a))}, known ${ms(median(raw.b))}, ratio ${rawRatio.toFixed(3)}`);
  console.log(`    with the 250 ms floor, 20 pairs:  unknown ${ms(median(floored.a))}, known ${ms(median(floored.b))}, ratio ${flooredRatio.toFixed(3)}   (goal within ±3 %)`);
  return [
    { figure: 'approval request raw k/u', value: rawRatio.toFixed(3), goal: 'informational', pass: true },
    { figure: 'approval request floor k/u', value: flooredRatio.toFixed(3), goal: '0.97–1.03', pass: Math.abs(flooredRatio - 1) <= 0.03 },
  ];
}

/** A throwaway core whose email points at `smtpPort`, with one user who has an address. */
async function mailCore(smtpPort: number, smtpAuth: { username: string; password: string }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-bench-mail-'));
  const core = createCore({
    dataDir,
    appVersion: 'bench',
    workstationName: 'bench',
    resourcesDir: REPO_RESOURCES_DIR,
    trustedOrigins: [ORIGIN],
    events: { send() {} },
    logger: { info() {}, warn() {}, error() {} },
    tickIntervalMs: 0,
    bcryptCost: 4,
    // A stalled server keeps the worker waiting for a greeting through the whole measurement.
    mailTransport: await testTransportFactory({ greetingTimeoutMs: 120_000, connectionTimeoutMs: 120_000, socketTimeoutMs: 120_000 }),
  });
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
  const userId = new UsersRepository(core.db).insert(
    { username: 'paul.martin', displayName: 'Paul', email: 'paul@usine.example', role: 'technician', passwordHash: 'x', mustChangePassword: false, locale: 'fr' },
    Date.now(),
  );
  return {
    core,
    userId,
    close() {
      core.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function benchStalledSmtp(smtp: { port: number; username: string; password: string }): Promise<Row[]> {
  const stalled = await startStalledServer();
  const responsive = await mailCore(smtp.port, smtp);
  const stuck = await mailCore(stalled.port, smtp);
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  try {
    // Get the stuck core's worker waiting on the silent server before measuring.
    stuck.core.mail.notifier.passwordChanged(stuck.userId);
    for (let i = 0; i < 200 && stalled.connections === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const syncTime = (run: () => unknown) => {
      const start = performance.now();
      run();
      return performance.now() - start;
    };
    const pairs = 200;
    const reset = await interleave(
      pairs,
      5,
      async () => {
        const t = syncTime(() => responsive.core.mail.tokens.requestReset(`nobody.${Math.random()}`));
        await turn();
        return t;
      },
      async () => {
        const t = syncTime(() => stuck.core.mail.tokens.requestReset(`nobody.${Math.random()}`));
        await turn();
        return t;
      },
    );
    const enqueue = await interleave(
      pairs,
      5,
      async () => {
        const t = syncTime(() => responsive.core.mail.notifier.passwordChanged(responsive.userId));
        await turn();
        return t;
      },
      async () => {
        const t = syncTime(() => stuck.core.mail.notifier.passwordChanged(stuck.userId));
        await turn();
        return t;
      },
    );
    const resetRatio = median(reset.b) / median(reset.a);
    const enqueueRatio = median(enqueue.b) / median(enqueue.a);
    console.log(`\n[7a] With the SMTP server stalled (worker stuck: ${stuck.core.mail.outbox.view().counts.sending} sending) vs responsive, ${pairs} interleaved pairs`);
    console.log(`    requestReset:  responsive ${(median(reset.a) * 1000).toFixed(1)} µs, stalled ${(median(reset.b) * 1000).toFixed(1)} µs, ratio ${resetRatio.toFixed(3)}   (goal ≤ 2)`);
    console.log(`    outbox enqueue: responsive ${(median(enqueue.a) * 1000).toFixed(1)} µs, stalled ${(median(enqueue.b) * 1000).toFixed(1)} µs, ratio ${enqueueRatio.toFixed(3)}   (goal ≤ 2)`);
    return [
      { figure: 'requestReset stalled/live', value: resetRatio.toFixed(3), goal: '≤ 2', pass: resetRatio <= 2 },
      { figure: 'enqueue stalled/live', value: enqueueRatio.toFixed(3), goal: '≤ 2', pass: enqueueRatio <= 2 },
    ];
  } finally {
    responsive.close();
    stuck.close();
    await stalled.close();
  }
}

async function benchThrottledAnswer(core: Core): Promise<Row> {
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
  console.log('\n[7b] Answer to a throttled name vs one bcrypt.compare (cost 12), 10 interleaved pairs');
  console.log(`    throttled answer median: ${ms(median(a))}, bcrypt.compare median: ${ms(median(b))}, ratio ${ratio.toFixed(4)}   (goal ≤ 0.05)`);
  return { figure: 'throttled answer / bcrypt', value: ratio.toFixed(4), goal: '≤ 0.05', pass: ratio <= 0.05 };
}

async function main() {
  console.log('GMAO Atelier login benchmark');
  console.log(`  machine: ${os.cpus().length} CPU(s), ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
  console.log(`  UV_THREADPOOL_SIZE: ${process.env.UV_THREADPOOL_SIZE ?? '(unset, libuv default 4)'}`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-bench-'));
  const smtp = await startSmtpTestServer();
  const core = createCore({
    dataDir,
    appVersion: 'bench',
    workstationName: 'bench',
    resourcesDir: REPO_RESOURCES_DIR,
    trustedOrigins: [ORIGIN],
    events: { send() {} },
    logger: { info() {}, warn() {}, error() {} },
    tickIntervalMs: 0,
    mailTransport: await testTransportFactory(),
  });
  try {
    check(
      await core.dispatcher.dispatch(SENDER, 'auth:setupFirstAdmin', {
        username: USER,
        displayName: 'Bench',
        email: 'bench@example.com',
        password: PASSWORD,
        passwordConfirmation: PASSWORD,
      }),
      'ok',
    );
    const rows = [await benchLoginVsCompare(core), await benchEventLoop(core), await benchUnknownVsWrong(core), await benchActivity(core)];
    await login(core, 'bench-mail', USER, PASSWORD, 'ok');
    check(
      await core.dispatcher.dispatch({ ...SENDER, windowId: 'bench-mail' }, 'email:updateSettings', {
        host: '127.0.0.1', port: smtp.port, security: 'starttls', username: smtp.username, password: smtp.password, clearPassword: false,
        senderName: 'Bench', senderAddress: 'bench@usine.example', appName: 'GMAO Atelier', siteName: 'Banc', sentRetentionDays: 30, resetCodeMinutes: 60,
      }),
      'ok',
    );
    rows.push(await benchRequestReset(core, () => new Promise((resolve) => setImmediate(resolve))));
    rows.push(...(await benchApprovalRequests()));
    rows.push(...(await benchStalledSmtp(smtp)));
    // Last: it leaves a throttled name behind.
    rows.push(await benchThrottledAnswer(core));

    console.log('\nSummary (informational: always exits 0)');
    console.log(`  ${'figure'.padEnd(30)}${'measured'.padEnd(16)}${'goal'.padEnd(16)}result`);
    for (const r of rows) console.log(`  ${r.figure.padEnd(30)}${r.value.padEnd(16)}${r.goal.padEnd(16)}${r.pass ? 'PASS' : 'FAIL'}`);
  } finally {
    core.close();
    await smtp.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
