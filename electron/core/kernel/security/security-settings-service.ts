// Pure (Node). The "Sécurité" settings: session timing and login throttling. Changes apply to sessions started afterwards.
import {
  DEFAULT_SECURITY_SETTINGS,
  securitySettingsSchema,
  type SecuritySettings,
} from '../../../shared/schemas/security-settings';
import type { Clock } from '../platform/clock';
import type { AuditRepository } from '../repositories/audit-repository';
import type { SettingsRepository } from '../repositories/settings-repository';
import { SettingsSection } from './settings-section';

export class SecuritySettingsService extends SettingsSection<SecuritySettings> {
  constructor(deps: { settings: SettingsRepository; audit: AuditRepository; clock: Clock }) {
    super({ ...deps, key: 'security', schema: securitySettingsSchema, defaults: DEFAULT_SECURITY_SETTINGS });
  }
}
