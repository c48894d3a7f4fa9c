// Pure (Node). The account rules set on the "Utilisateurs" screen (password policy, temporary passwords, site name).
import {
  accountSettingsSchema,
  DEFAULT_ACCOUNT_SETTINGS,
  type AccountSettings,
} from '../../../shared/accounts/account-settings';
import type { Database } from '../kernel/db/database';
import type { Clock } from '../kernel/platform/clock';
import type { AuditRepository } from '../kernel/audit-trail/audit-repository';
import type { SettingsRepository } from '../kernel/settings/settings-repository';
import { SettingsSection } from '../kernel/settings/settings-section';

export class AccountSettingsService extends SettingsSection<AccountSettings> {
  constructor(deps: { database: Database; settings: SettingsRepository; audit: AuditRepository; clock: Clock }) {
    super({ ...deps, key: 'accounts', schema: accountSettingsSchema, defaults: DEFAULT_ACCOUNT_SETTINGS });
  }
}
