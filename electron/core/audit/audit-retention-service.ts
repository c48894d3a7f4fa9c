// Pure (Node). How long the security log keeps its entries (default two years, an admin setting) and the
// pruning that enforces it: at start-up, once a day, and right after the setting changes. Each prune that
// deletes something is audited in the same transaction; that entry is newer than the cutoff, so it stays.
import { auditSettingsSchema, DEFAULT_AUDIT_SETTINGS, type AuditSettings } from '../../../shared/audit/audit-settings';
import type { Db } from '../kernel/db/open-database';
import type { Clock } from '../kernel/platform/clock';
import type { AuditRepository } from '../kernel/audit-trail/audit-repository';
import type { SettingsRepository } from '../kernel/settings/settings-repository';

/** Its own key: the "Sécurité" settings object belongs to another screen and schema. */
export const AUDIT_SETTINGS_KEY = 'audit.retention';
export const DAY_MS = 86_400_000;

export class AuditRetentionService {
  constructor(private readonly deps: { db: Db; settings: SettingsRepository; audit: AuditRepository; clock: Clock }) {}

  get(): AuditSettings {
    const stored = this.deps.settings.get<Partial<AuditSettings>>(AUDIT_SETTINGS_KEY) ?? {};
    // A hand-edited value out of bounds falls back to the default rather than deleting history early.
    const parsed = auditSettingsSchema.safeParse({ ...DEFAULT_AUDIT_SETTINGS, ...stored });
    return parsed.success ? parsed.data : DEFAULT_AUDIT_SETTINGS;
  }

  /** Saves, audits the change, then applies it at once. Returns how many old entries that deleted. */
  update(next: AuditSettings, actorUserId: number): { settings: AuditSettings; pruned: number } {
    const previous = this.get();
    if (next.retentionDays === previous.retentionDays) return { settings: previous, pruned: 0 };
    const now = this.deps.clock.now();
    this.deps.db.transaction(() => {
      this.deps.settings.set(AUDIT_SETTINGS_KEY, next, now);
      this.deps.audit.append(
        { eventType: 'audit.settings_updated', actorUserId, details: { fromDays: previous.retentionDays, toDays: next.retentionDays } },
        now,
      );
    })();
    return { settings: next, pruned: this.prune() };
  }

  /** Deletes the entries older than the retention. Nothing deleted, nothing audited: no daily noise. */
  prune(): number {
    const now = this.deps.clock.now();
    const { retentionDays } = this.get();
    const cutoff = now - retentionDays * DAY_MS;
    return this.deps.db.transaction(() => {
      const count = this.deps.audit.deleteOlderThan(cutoff);
      if (count > 0) this.deps.audit.append({ eventType: 'audit.pruned', details: { count, cutoff, retentionDays } }, now);
      return count;
    })();
  }
}
