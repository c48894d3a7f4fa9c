// Pure (Node). The site calendar's channels: everyone who maintains reads the zone and the holidays; managers change
// them, each change audited in the same transaction and announced on the `preventive` topic (the planning, the
// forecast and the generator's next pass read them).
import { frenchPublicHolidays, type SiteCalendarView, type siteCalendarContract } from '../../../shared/preventive/site-calendar-contract';
import type { HandlerMap } from '../kernel/ipc/handler-types';
import type { Kernel } from '../kernel/kernel';
import { SiteCalendarRepository } from './site-calendar-repository';

export function createSiteCalendarHandlers(kernel: Kernel): HandlerMap<keyof typeof siteCalendarContract> {
  const repository = new SiteCalendarRepository(kernel.database.kysely);

  async function view(repo = repository): Promise<SiteCalendarView> {
    const [timeZone, holidays] = await Promise.all([repo.timeZone(), repo.list()]);
    return { timeZone, holidays };
  }

  return {
    'preventive:siteCalendar': () => view(),

    'preventive:siteCalendarSetZone': async ({ input, session }) => {
      const changed = await kernel.database.transaction(async (trx) => {
        const repo = repository.in(trx);
        const previous = await repo.timeZone();
        if (previous === input.timeZone) return false;
        const now = kernel.clock.now();
        await repo.setTimeZone(input.timeZone, now);
        await kernel.audit.in(trx).append({ eventType: 'site_calendar.time_zone_changed', actorUserId: session.userId, details: { from: previous, to: input.timeZone } }, now);
        return true;
      });
      if (changed) kernel.changes.publish('preventive');
      return view();
    },

    'preventive:siteCalendarAddHoliday': async ({ input, session }) => {
      const changed = await kernel.database.transaction(async (trx) => {
        const repo = repository.in(trx);
        const existing = await repo.find(input.day);
        if (existing?.label === input.label) return false;
        const now = kernel.clock.now();
        await repo.upsert({ day: input.day, label: input.label });
        await kernel.audit
          .in(trx)
          .append({ eventType: 'site_calendar.holiday_added', actorUserId: session.userId, subjectLabel: input.label, details: { day: input.day, label: input.label, ...(existing ? { previousLabel: existing.label } : {}) } }, now);
        return true;
      });
      if (changed) kernel.changes.publish('preventive');
      return view();
    },

    'preventive:siteCalendarRemoveHoliday': async ({ input, session }) => {
      const changed = await kernel.database.transaction(async (trx) => {
        const repo = repository.in(trx);
        const existing = await repo.find(input.day);
        if (!existing) return false;
        await repo.remove(input.day);
        await kernel.audit
          .in(trx)
          .append({ eventType: 'site_calendar.holiday_removed', actorUserId: session.userId, subjectLabel: existing.label, details: { day: existing.day, label: existing.label } }, kernel.clock.now());
        return true;
      });
      if (changed) kernel.changes.publish('preventive');
      return view();
    },

    'preventive:siteCalendarAddFrenchHolidays': async ({ input, session }) => {
      const holidays = frenchPublicHolidays(input.year);
      const added = await kernel.database.transaction(async (trx) => {
        const rows = await repository.in(trx).addMissing(holidays);
        if (rows.length > 0) {
          await kernel.audit
            .in(trx)
            .append({ eventType: 'site_calendar.holidays_filled', actorUserId: session.userId, details: { year: input.year, added: rows.length, days: rows.map((row) => row.day).sort() } }, kernel.clock.now());
        }
        return rows.length;
      });
      if (added > 0) kernel.changes.publish('preventive');
      return { ...(await view()), added };
    },
  };
}
