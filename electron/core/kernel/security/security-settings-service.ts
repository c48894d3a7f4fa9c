// Pure (Node). The "Sécurité" settings: session timing and login throttling. Changes apply to sessions started afterwards.
import {
  DEFAULT_SECURITY_SETTINGS,
  securitySettingsSchema,
  type SecuritySettings,
} from '../../../../shared/security/security-settings';
import type { Database } from '../db/database';
import type { Clock } from '../platform/clock';
import type { AuditRepository } from '../audit-trail/audit-repository';
import type { SettingsRepository } from '../settings/settings-repository';
import { SettingsSection } from '../settings/settings-section';

export class SecuritySettingsService extends SettingsSection<SecuritySettings> {
  constructor(deps: { database: Database; settings: SettingsRepository; audit: AuditRepository; clock: Clock }) {
    super({ ...deps, key: 'security', schema: securitySettingsSchema, defaults: DEFAULT_SECURITY_SETTINGS });
  }
}
