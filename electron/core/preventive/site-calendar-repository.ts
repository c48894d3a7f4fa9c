// Pure (Node). The site calendar's storage: the zone in the settings (`site.timeZone`) and the holidays in
// `site_holidays` (local dates). The preventive engine reads both through this class (its ScheduleContext); SQL
// only here.
import type { SiteHoliday } from '../../../shared/preventive/site-calendar-contract';
import { DEFAULT_SITE_TIME_ZONE, isValidTimeZone, SITE_TIME_ZONE_KEY } from '../../../shared/preventive/site-calendar-contract';
import type { Executor } from '../kernel/db/database';
import { SettingsRepository } from '../kernel/settings/settings-repository';

export class SiteCalendarRepository {
  private readonly settings: SettingsRepository;

  constructor(private readonly db: Executor) {
    this.settings = new SettingsRepository(db);
  }

  in(trx: Executor): SiteCalendarRepository {
    return new SiteCalendarRepository(trx);
  }

  /** The site's IANA zone; a stored value this runtime no longer knows falls back to Europe/Paris (never a crash). */
  async timeZone(): Promise<string> {
    const stored = await this.settings.get<unknown>(SITE_TIME_ZONE_KEY);
    return typeof stored === 'string' && isValidTimeZone(stored) ? stored : DEFAULT_SITE_TIME_ZONE;
  }

  async setTimeZone(zone: string, now: number): Promise<void> {
    await this.settings.set(SITE_TIME_ZONE_KEY, zone, now);
  }

  /** The holidays with from ≤ day ≤ to (local dates compare as text). */
  async holidays(from: string, to: string): Promise<Set<string>> {
    const rows = await this.db.selectFrom('site_holidays').select('day').where('day', '>=', from).where('day', '<=', to).execute();
    return new Set(rows.map((row) => row.day));
  }

  async list(): Promise<SiteHoliday[]> {
    return this.db.selectFrom('site_holidays').select(['day', 'label']).orderBy('day').execute();
  }

  async find(day: string): Promise<SiteHoliday | null> {
    return (await this.db.selectFrom('site_holidays').select(['day', 'label']).where('day', '=', day).executeTakeFirst()) ?? null;
  }

  /** Adds the day, or renames it when it is already a holiday. */
  async upsert(holiday: SiteHoliday): Promise<void> {
    await this.db
      .insertInto('site_holidays')
      .values(holiday)
      .onConflict((conflict) => conflict.column('day').doUpdateSet({ label: holiday.label }))
      .execute();
  }

  /** Adds the days not listed yet, keeping the others as they are; answers the days really added. */
  async addMissing(holidays: readonly SiteHoliday[]): Promise<SiteHoliday[]> {
    if (holidays.length === 0) return [];
    const added = await this.db
      .insertInto('site_holidays')
      .values([...holidays])
      .onConflict((conflict) => conflict.column('day').doNothing())
      .returning(['day', 'label'])
      .execute();
    return added;
  }

  async remove(day: string): Promise<boolean> {
    const result = await this.db.deleteFrom('site_holidays').where('day', '=', day).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
