// Pure (Node). The forgot-password settings of the "Sécurité" screen (mode, request lifetime), under their own key.
import { approvalSettingsSchema, DEFAULT_APPROVAL_SETTINGS, type ApprovalSettings } from '../../../shared/approval/approval-settings';
import type { Database } from '../kernel/db/database';
import type { Clock } from '../kernel/platform/clock';
import type { AuditRepository } from '../kernel/audit-trail/audit-repository';
import type { SettingsRepository } from '../kernel/settings/settings-repository';
import { SettingsSection } from '../kernel/settings/settings-section';

export class ApprovalSettingsService extends SettingsSection<ApprovalSettings> {
  constructor(deps: { database: Database; settings: SettingsRepository; audit: AuditRepository; clock: Clock }) {
    super({ ...deps, key: 'approval', schema: approvalSettingsSchema, defaults: DEFAULT_APPROVAL_SETTINGS });
  }
}
