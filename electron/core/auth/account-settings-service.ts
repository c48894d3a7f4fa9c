// Pure (Node). The account rules set on the "Utilisateurs" screen (password policy, temporary passwords, site name).
import {
  accountSettingsSchema,
  DEFAULT_ACCOUNT_SETTINGS,
  type AccountSettings,
} from '../../../shared/schemas/account-settings';
import type { Clock } from '../platform/clock';
import type { AuditRepository } from '../repositories/audit-repository';
import type { SettingsRepository } from '../repositories/settings-repository';
import { SettingsSection } from './settings-section';

export class AccountSettingsService extends SettingsSection<AccountSettings> {
  constructor(deps: { settings: SettingsRepository; audit: AuditRepository; clock: Clock }) {
    super({ ...deps, key: 'accounts', schema: accountSettingsSchema, defaults: DEFAULT_ACCOUNT_SETTINGS });
  }
}
