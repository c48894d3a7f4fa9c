// Pure (Node). Reads and updates the "Sécurité" settings. Values missing from the database take the defaults;
// changes are audited field by field and apply to sessions started afterwards.
import {
  DEFAULT_SECURITY_SETTINGS,
  securitySettingsSchema,
  type SecuritySettings,
} from '../../../shared/schemas/security-settings';
import type { Clock } from '../platform/clock';
import type { AuditRepository } from '../repositories/audit-repository';
import type { SettingsRepository } from '../repositories/settings-repository';

const KEY = 'security';

export class SecuritySettingsService {
  constructor(private readonly deps: { settings: SettingsRepository; audit: AuditRepository; clock: Clock }) {}

  get(): SecuritySettings {
    const stored = this.deps.settings.get<Partial<SecuritySettings>>(KEY) ?? {};
    const merged = { ...DEFAULT_SECURITY_SETTINGS, ...stored };
    // A hand-edited or older value out of bounds falls back to the defaults rather than weakening security.
    const parsed = securitySettingsSchema.safeParse(merged);
    return parsed.success ? parsed.data : DEFAULT_SECURITY_SETTINGS;
  }

  update(next: SecuritySettings, actorUserId: number): SecuritySettings {
    const previous = this.get();
    const changes = (Object.keys(next) as (keyof SecuritySettings)[])
      .filter((key) => next[key] !== previous[key])
      .map((key) => ({ setting: key, from: previous[key], to: next[key] }));
    if (changes.length === 0) return previous;
    const now = this.deps.clock.now();
    this.deps.settings.set(KEY, next, now);
    this.deps.audit.append({ eventType: 'settings.updated', actorUserId, details: { section: 'security', changes } }, now);
    return next;
  }
}
