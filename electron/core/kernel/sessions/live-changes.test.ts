// Node (tests). Live updates across processes on PostgreSQL (issue 16): two real cores on one schema, each with
// its own windows. A DI filed through core A's dispatcher reaches a signed-in window of core B as data:changed
// (LISTEN/NOTIFY), a process ignores its own notification coming back, and after the listening connections are
// cut B listens again, lists everything as changed once, and carries on. The waits are on the events themselves
// (with a generous cap so a broken build fails instead of hanging), never on a duration. On SQLite nothing
// changes: each process's feed stays its own.
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANGE_TOPICS } from '../../../../shared/contract/events';
import { ADMIN_INPUT, createTestCore, FakeClock, makeTempDir, type TestCore } from '../../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../../tests/support/test-database';
import { EquipmentRepository, LocationsRepository } from '../../equipment';
import { changeChannelName } from '../db/pg-notify';

const cores: TestCore[] = [];
let dataDir: string | null = null;
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close().catch(() => undefined);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  dataDir = null;
});

async function waitFor(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  // A cap only so a broken build fails with a message instead of hanging; the test asserts no duration.
  const give = Date.now() + 20_000;
  while (!(await condition())) {
    if (Date.now() > give) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const changed = (core: TestCore, windowId: string, topic: string) =>
  core.events.filter((e) => e.windowId === windowId && e.event === 'data:changed' && (e.payload as { topics: string[] }).topics.includes(topic));

async function twoCores(): Promise<[TestCore, TestCore]> {
  dataDir = makeTempDir('gmao-live-');
  const clock = new FakeClock();
  const a = await createTestCore({ dataDir, clock });
  cores.push(a);
  const b = await createTestCore({ dataDir, clock });
  cores.push(b);
  expect((await a.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT)).ok).toBe(true);
  const location = await new LocationsRepository(a.database.kysely).insert({ code: 'AT-1', name: 'Atelier', kind: 'zone', parent_id: null, created_at: 0, updated_at: 0 });
  await new EquipmentRepository(a.database.kysely).insert({
    code: 'PR-003',
    designation: 'Presse à injecter 3',
    location_id: location,
    parent_id: null,
    category: null,
    manufacturer: null,
    model: null,
    serial_number: null,
    commissioned_on: null,
    notes: null,
    created_at: 0,
    updated_at: 0,
  });
  for (const [core, windowId] of [[a, 'a-office'], [b, 'b-office']] as const) {
    const login = await core.call(windowId, 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
    expect(login.ok).toBe(true);
  }
  return [a, b];
}

async function fileDi(core: TestCore, symptom: string): Promise<void> {
  const result = await core.call('kiosk', 'requests:report', { equipmentCode: 'PR-003', symptom, machineStopped: false });
  expect(result.ok).toBe(true);
}

describe.skipIf(TEST_ENGINE !== 'postgres')('live updates between two cores on one PostgreSQL schema', () => {
  it('a DI filed in core A reaches a signed-in window of core B; each core ignores its own notification', async () => {
    const [a, b] = await twoCores();
    await fileDi(a, 'Fuite d’huile sur le vérin');
    await waitFor('core B’s window hears of the DI', () => changed(b, 'b-office', 'requests').length === 1);
    // Core B's kiosk (not signed in) gets nothing: only signed-in windows are told.
    expect(b.events.filter((e) => e.windowId === 'kiosk' && e.event === 'data:changed')).toEqual([]);

    // Then B changes something else (a location), which A hears. PostgreSQL delivers in commit order, so A's
    // own DI notification came back to A before B's: A's window still has one data:changed for requests (its
    // own publish), not a second from its echo.
    const created = await b.call('b-office', 'locations:create', { code: 'AT-2', name: 'Atelier montage', parentId: null });
    expect(created.ok).toBe(true);
    await waitFor('core A’s window hears of B’s location', () => changed(a, 'a-office', 'locations').length === 1);
    expect(changed(a, 'a-office', 'requests')).toHaveLength(1);
    expect(changed(b, 'b-office', 'requests')).toHaveLength(1);
  });

  it('after the listening connections are cut, core B listens again, refreshes every list once, and hears the next DI', async () => {
    const [a, b] = await twoCores();
    const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(a.database.kysely)).rows[0].schema;
    const listeners = sql<{ count: number }>`select count(*)::int as count from pg_stat_activity where application_name = ${`gmao ${changeChannelName(schema)}`}`;
    expect((await listeners.execute(a.database.kysely)).rows[0].count).toBe(2);
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${`gmao ${changeChannelName(schema)}`}`.execute(a.database.kysely);

    // Back: B could have missed anything meanwhile, so its windows are told every topic changed.
    await waitFor('core B listens again', () =>
      b.events.some((e) => e.windowId === 'b-office' && e.event === 'data:changed' && (e.payload as { topics: string[] }).topics.length === CHANGE_TOPICS.length),
    );
    b.events.length = 0;
    await fileDi(a, 'Capteur de sécurité HS');
    await waitFor('core B’s window hears of the DI filed after the cut', () => changed(b, 'b-office', 'requests').length === 1);
  });
});

describe.skipIf(TEST_ENGINE !== 'sqlite')('two cores on one SQLite file (two OS accounts of one PC)', () => {
  it('keep the change feed to each process, as before: A’s windows are told, B’s are not (no relay on SQLite)', async () => {
    const [a, b] = await twoCores();
    await fileDi(a, 'Fuite d’huile sur le vérin');
    expect(changed(a, 'a-office', 'requests')).toHaveLength(1);
    // B's own next change still reaches its own window: B's feed works, it just hears nothing from A.
    expect((await b.call('b-office', 'locations:create', { code: 'AT-2', name: 'Atelier montage', parentId: null })).ok).toBe(true);
    expect(changed(b, 'b-office', 'locations')).toHaveLength(1);
    expect(changed(b, 'b-office', 'requests')).toEqual([]);
  });
});
