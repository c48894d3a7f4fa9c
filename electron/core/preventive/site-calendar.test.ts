// Node (tests). The site calendar through the dispatcher, on the engine of this pass: a technician reads it and
// changes nothing; a Responsable sets the zone (an unknown zone is refused with a field message, nothing stored),
// adds the French holidays of a year (again: nothing added, nothing audited), adds, renames and removes a day, each
// change audited; the repository answers the zone (Europe/Paris by default) and the holidays of a range.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import { auditEntries } from '../../../tests/support/mail-fixtures';
import type { Role } from '../../../shared/contract/roles';
import { SiteCalendarRepository } from './site-calendar-repository';

let core: TestCore;

async function addUser(username: string, role: Role): Promise<void> {
  const db = core.database.kysely;
  const { password_hash } = await db.selectFrom('users').select('password_hash').where('username', '=', ADMIN_INPUT.username).executeTakeFirstOrThrow();
  await db.insertInto('users').values({ username, display_name: username, email: null, role, password_hash, password_changed_at: 0, created_at: 0, updated_at: 0 }).execute();
  const login = await core.call(username, 'auth:login', { identifier: username, password: ADMIN_INPUT.password });
  expect(login.ok).toBe(true);
}

beforeEach(async () => {
  core = await createTestCore();
  await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  await addUser('c.roux', 'maintenance_manager');
  await addUser('l.moreau', 'technician');
});
afterEach(async () => {
  await core.dispose();
});

describe(`site calendar on ${TEST_ENGINE}`, () => {
  it('defaults to Europe/Paris; a Responsable changes the zone, audited; an unknown zone is refused', async () => {
    const repository = new SiteCalendarRepository(core.database.kysely);
    expect(await repository.timeZone()).toBe('Europe/Paris');
    const bad = await core.call('c.roux', 'preventive:siteCalendarSetZone', { timeZone: 'Europe/Parris' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('VALIDATION_FAILED');
      expect(bad.error.fields?.[0]).toMatchObject({ path: 'timeZone' });
    }
    const set = await core.call('c.roux', 'preventive:siteCalendarSetZone', { timeZone: 'America/Martinique' });
    expect(set.ok && set.data.timeZone).toBe('America/Martinique');
    expect(await repository.timeZone()).toBe('America/Martinique');
    expect((await auditEntries(core, 'site_calendar.time_zone_changed')).map((e) => e.details)).toEqual([{ from: 'Europe/Paris', to: 'America/Martinique' }]);
    // The same zone again changes nothing and writes no second entry.
    await core.call('c.roux', 'preventive:siteCalendarSetZone', { timeZone: 'America/Martinique' });
    expect(await auditEntries(core, 'site_calendar.time_zone_changed')).toHaveLength(1);
  });

  it('fills the French holidays of a year once; days already there keep their label', async () => {
    await core.call('c.roux', 'preventive:siteCalendarAddHoliday', { day: '2026-12-25', label: 'Noël (fermeture usine)' });
    const filled = await core.call('c.roux', 'preventive:siteCalendarAddFrenchHolidays', { year: 2026 });
    expect(filled.ok).toBe(true);
    if (!filled.ok) return;
    expect(filled.data.added).toBe(10);
    expect(filled.data.holidays).toHaveLength(11);
    expect(filled.data.holidays.find((h) => h.day === '2026-12-25')?.label).toBe('Noël (fermeture usine)');
    expect(filled.data.holidays.find((h) => h.day === '2026-05-14')?.label).toBe('Ascension');
    const again = await core.call('c.roux', 'preventive:siteCalendarAddFrenchHolidays', { year: 2026 });
    expect(again.ok && again.data.added).toBe(0);
    const audit = await auditEntries(core, 'site_calendar.holidays_filled');
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toMatchObject({ year: 2026, added: 10 });

    const repository = new SiteCalendarRepository(core.database.kysely);
    expect([...(await repository.holidays('2026-05-01', '2026-05-31'))].sort()).toEqual(['2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25']);
  });

  it('adds, renames and removes one day, each audited; a technician reads but changes nothing', async () => {
    await core.call('c.roux', 'preventive:siteCalendarAddHoliday', { day: '2026-08-14', label: 'Pont' });
    await core.call('c.roux', 'preventive:siteCalendarAddHoliday', { day: '2026-08-14', label: "Pont de l'Assomption" });
    const read = await core.call('l.moreau', 'preventive:siteCalendar', {});
    expect(read.ok && read.data.holidays).toEqual([{ day: '2026-08-14', label: "Pont de l'Assomption" }]);
    const refused = await core.call('l.moreau', 'preventive:siteCalendarRemoveHoliday', { day: '2026-08-14' });
    expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');
    const invalid = await core.call('c.roux', 'preventive:siteCalendarAddHoliday', { day: '2026-02-30', label: 'Jamais' });
    expect(!invalid.ok && invalid.error.code).toBe('VALIDATION_FAILED');
    const removed = await core.call('c.roux', 'preventive:siteCalendarRemoveHoliday', { day: '2026-08-14' });
    expect(removed.ok && removed.data.holidays).toEqual([]);
    expect((await auditEntries(core, 'site_calendar.holiday_added')).map((e) => e.details)).toEqual([
      { day: '2026-08-14', label: 'Pont' },
      { day: '2026-08-14', label: "Pont de l'Assomption", previousLabel: 'Pont' },
    ]);
    expect((await auditEntries(core, 'site_calendar.holiday_removed')).map((e) => e.details)).toEqual([{ day: '2026-08-14', label: "Pont de l'Assomption" }]);
  });
});
