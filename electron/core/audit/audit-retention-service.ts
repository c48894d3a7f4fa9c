// Pure (Node). How long the security log keeps its entries (default two years, an admin setting) and the
// pruning that enforces it: at start-up, once a day, and right after the setting changes. Each prune that
// deletes something is audited in the same transaction; that entry is newer than the cutoff, so it stays.
import { auditSettingsSchema, DEFAULT_AUDIT_SETTINGS, type AuditSettings } from '../../../shared/audit/audit-settings';
import type { Database } from '../kernel/db/database';
import type { Clock } from '../kernel/platform/clock';
import type { AuditRepository } from '../kernel/audit-trail/audit-repository';
import type { SettingsRepository } from '../kernel/settings/settings-repository';

/** Its own key: the "Sécurité" settings object belongs to another screen and schema. */
export const AUDIT_SETTINGS_KEY = 'audit.retention';
export const DAY_MS = 86_400_000;

export class AuditRetentionService {
  constructor(private readonly deps: { database: Pick<Database, 'transaction'>; settings: SettingsRepository; audit: AuditRepository; clock: Clock }) {}

  async get(): Promise<AuditSettings> {
    const stored = (await this.deps.settings.get<Partial<AuditSettings>>(AUDIT_SETTINGS_KEY)) ?? {};
    // A hand-edited value out of bounds falls back to the default rather than deleting history early.
    const parsed = auditSettingsSchema.safeParse({ ...DEFAULT_AUDIT_SETTINGS, ...stored });
    return parsed.success ? parsed.data : DEFAULT_AUDIT_SETTINGS;
  }

  /** Saves, audits the change, then applies it at once. Returns how many old entries that deleted. */
  async update(next: AuditSettings, actorUserId: number): Promise<{ settings: AuditSettings; pruned: number }> {
    const previous = await this.get();
    if (next.retentionDays === previous.retentionDays) return { settings: previous, pruned: 0 };
    const now = this.deps.clock.now();
    await this.deps.database.transaction(async (trx) => {
      await this.deps.settings.in(trx).set(AUDIT_SETTINGS_KEY, next, now);
      await this.deps.audit
        .in(trx)
        .append({ eventType: 'audit.settings_updated', actorUserId, details: { fromDays: previous.retentionDays, toDays: next.retentionDays } }, now);
    });
    return { settings: next, pruned: await this.prune() };
  }

  /**
   * Deletes the entries older than the retention. Nothing deleted, nothing audited: no daily noise.
   * Several workstations on one PostgreSQL database each run it daily: it is idempotent (a second run finds
   * nothing older than the cutoff, deletes nothing and audits nothing).
   */
  async prune(): Promise<number> {
    const now = this.deps.clock.now();
    const { retentionDays } = await this.get();
    const cutoff = now - retentionDays * DAY_MS;
    // The gate opens, the rows go, the gate shuts and the prune is audited in one transaction (migration 0007).
    return this.deps.database.transaction(async (trx) => {
      const audit = this.deps.audit.in(trx);
      const count = await audit.deleteOlderThan(cutoff);
      if (count > 0) await audit.append({ eventType: 'audit.pruned', details: { count, cutoff, retentionDays } }, now);
      return count;
    });
  }
}
