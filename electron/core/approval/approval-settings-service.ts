// Pure (Node). The forgot-password settings of the "Sécurité" screen (mode, request lifetime), under their own key.
import { approvalSettingsSchema, DEFAULT_APPROVAL_SETTINGS, type ApprovalSettings } from '../../../shared/schemas/approval-settings';
import type { Clock } from '../platform/clock';
import type { AuditRepository } from '../repositories/audit-repository';
import type { SettingsRepository } from '../repositories/settings-repository';
import { SettingsSection } from '../settings/settings-section';

export class ApprovalSettingsService extends SettingsSection<ApprovalSettings> {
  constructor(deps: { settings: SettingsRepository; audit: AuditRepository; clock: Clock }) {
    super({ ...deps, key: 'approval', schema: approvalSettingsSchema, defaults: DEFAULT_APPROVAL_SETTINGS });
  }
}
