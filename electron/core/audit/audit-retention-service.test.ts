// Retention on the test engine (SQLite or PostgreSQL): the setting and its bounds, pruning with a fake clock
// (through the DELETE gate of migration 0007), and the audit entries both leave behind.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditSettings } from '../../../shared/contract';
import { ADMIN_INPUT, createTestCore, makeTempDir, type TestCore } from '../../../tests/support/test-core';
import { AuditRepository } from '../kernel/audit-trail/audit-repository';
import { SettingsRepository } from '../kernel/settings/settings-repository';
import { AUDIT_SETTINGS_KEY, AuditRetentionService, DAY_MS } from './audit-retention-service';

let core: TestCore;
let audit: AuditRepository;
let retention: AuditRetentionService;
const ADMIN_WINDOW = 'admin-window';

beforeEach(async () => {
  core = await createTestCore();
  audit = new AuditRepository(core.database.kysely, 'POSTE-TEST');
  retention = new AuditRetentionService({ database: core.database, settings: new SettingsRepository(core.database.kysely), audit, clock: core.clock });
  await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  await core.call(ADMIN_WINDOW, 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
});
afterEach(async () => {
  await core.dispose();
});

const types = async () => (await audit.recent(1000)).map((entry) => entry.eventType);

describe('retention setting', () => {
  it('defaults to two years', async () => {
    expect(await core.call(ADMIN_WINDOW, 'audit:getSettings')).toEqual({ ok: true, data: { retentionDays: 730 } });
  });

  it.each([89, 3651, 365.5])('refuses %s days', async (retentionDays) => {
    expect(await core.call(ADMIN_WINDOW, 'audit:updateSettings', { retentionDays })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', fields: [{ path: 'retentionDays' }] },
    });
  });

  it('accepts the bounds, stores its own key and audits the change', async () => {
    expect(await core.call(ADMIN_WINDOW, 'audit:updateSettings', { retentionDays: 90 })).toEqual({ ok: true, data: { settings: { retentionDays: 90 }, pruned: 0 } });
    expect(await core.call(ADMIN_WINDOW, 'audit:updateSettings', { retentionDays: 3650 })).toMatchObject({ ok: true });
    expect(await new SettingsRepository(core.database.kysely).get<AuditSettings>(AUDIT_SETTINGS_KEY)).toEqual({ retentionDays: 3650 });
    expect(await new SettingsRepository(core.database.kysely).get('security')).toBeUndefined(); // the "Sécurité" settings are not touched
    const [latest] = await audit.recent(1);
    expect(latest).toMatchObject({ eventType: 'audit.settings_updated', actorUserId: 1, details: { fromDays: 90, toDays: 3650 } });
  });

  it('does nothing, and audits nothing, when the value is unchanged', async () => {
    const before = (await types()).length;
    await core.call(ADMIN_WINDOW, 'audit:updateSettings', { retentionDays: 730 });
    expect(await types()).toHaveLength(before);
  });

  it('falls back to the default when the stored value is out of bounds', async () => {
    await new SettingsRepository(core.database.kysely).set(AUDIT_SETTINGS_KEY, { retentionDays: 1 }, 0);
    expect(await retention.get()).toEqual({ retentionDays: 730 });
  });
});

describe('pruning', () => {
  it('deletes only what is older than the retention, and audits it with the count and the cutoff', async () => {
    const now = core.clock.now();
    await audit.append({ eventType: 'logout' }, now - 731 * DAY_MS);
    await audit.append({ eventType: 'logout' }, now - 730 * DAY_MS - 1);
    await audit.append({ eventType: 'logout' }, now - 730 * DAY_MS); // exactly at the cutoff: kept
    await audit.append({ eventType: 'logout' }, now - 10 * DAY_MS);
    expect(await retention.prune()).toBe(2);
    const [entry] = await audit.recent(1);
    expect(entry).toMatchObject({
      eventType: 'audit.pruned',
      occurredAt: now,
      actorUserId: null,
      details: { count: 2, cutoff: now - 730 * DAY_MS, retentionDays: 730 },
    });
    expect(await audit.count({ beforeMs: now - 730 * DAY_MS })).toBe(0);
    expect(await audit.count({ eventTypes: ['logout'] })).toBe(2);
  });

  it('leaves no entry when there was nothing to delete (no daily noise)', async () => {
    const before = await types();
    expect(await retention.prune()).toBe(0);
    expect(await types()).toEqual(before);
  });

  it('keeps its own entry: the next prune, and the ones after, do not delete it until it ages out', async () => {
    await audit.append({ eventType: 'logout' }, core.clock.now() - 800 * DAY_MS);
    await retention.prune();
    core.clock.advance(DAY_MS);
    expect(await retention.prune()).toBe(0);
    core.clock.advance(700 * DAY_MS);
    expect(await retention.prune()).toBe(0);
    expect(await types()).toContain('audit.pruned');
    core.clock.advance(30 * DAY_MS); // now 731 days after the first prune, and after the setup's entries
    expect(await retention.prune()).toBeGreaterThan(0);
    expect((await audit.recent(10)).map((e) => e.eventType)).toEqual(['audit.pruned']);
  });

  it('applies a shorter retention as soon as it is saved, and audits both the change and the prune', async () => {
    await audit.append({ eventType: 'logout' }, core.clock.now() - 200 * DAY_MS);
    await audit.append({ eventType: 'logout' }, core.clock.now() - 100 * DAY_MS);
    core.clock.advance(1000);
    const result = await core.call(ADMIN_WINDOW, 'audit:updateSettings', { retentionDays: 150 });
    expect(result).toEqual({ ok: true, data: { settings: { retentionDays: 150 }, pruned: 1 } });
    expect((await types()).slice(0, 2)).toEqual(['audit.pruned', 'audit.settings_updated']);
    expect(await audit.count({ eventTypes: ['logout'] })).toBe(1);
  });

  it('runs at start-up: a core opened on an old log prunes it', async () => {
    // A core on a data folder of its own, so a second core finds the same data (a PostgreSQL schema is kept per folder).
    await core.dispose();
    const dataDir = makeTempDir();
    const first = await createTestCore({ dataDir });
    try {
      // Set up as the other tests are (its own start-up prune, on an empty log, is long done by then).
      await first.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
      const log = new AuditRepository(first.database.kysely, 'x');
      await log.append({ eventType: 'logout' }, first.clock.now() - 1000 * DAY_MS);
      expect(await log.count({ eventTypes: ['logout'] })).toBe(1);
    } finally {
      await first.close();
    }
    // A new core on the same data (its fake clock starts at the same instant): creating it prunes.
    const reopened = await createTestCore({ dataDir });
    try {
      const log = new AuditRepository(reopened.database.kysely, 'x');
      // The start-up run is not awaited by the core (jobs never hold start-up back): wait for its entry.
      await eventually(async () => expect((await log.recent(1))[0]).toMatchObject({ eventType: 'audit.pruned', details: { count: 1 } }));
      expect(await log.count({ eventTypes: ['logout'] })).toBe(0);
    } finally {
      await reopened.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    core = await createTestCore(); // for afterEach to dispose
  });

  it('runs again every day from a timer (fake timers and the fake clock move together)', async () => {
    await core.dispose();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      core = await createTestCore();
      const log = new AuditRepository(core.database.kysely, 'x');
      await log.append({ eventType: 'logout' }, core.clock.now() - 729 * DAY_MS);
      core.clock.advance(DAY_MS - 1);
      vi.advanceTimersByTime(DAY_MS - 1);
      expect(await log.count({ eventTypes: ['logout'] })).toBe(1);
      core.clock.advance(2 * DAY_MS);
      vi.advanceTimersByTime(1); // the first daily run: the entry is now 731 days old
      await eventually(async () => expect(await log.count({ eventTypes: ['logout'] })).toBe(0));
      expect((await log.recent(1))[0].eventType).toBe('audit.pruned');
    } finally {
      vi.useRealTimers();
    }
  });
});

/** Waits for a scheduled job's effect (real timeouts; setInterval may be faked). Not a timing assertion. */
async function eventually(check: () => Promise<void>, attempts = 200): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await check();
      return;
    } catch (error) {
      if (i >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
