// Pure (main and renderer). Every audit event type the application knows, grouped for the viewer's filter.
// Other domains add their types here (one line in a group, plus their labels in audit-text.ts); a type the
// catalog does not know still shows, under its raw name, and can still be filtered on.

export const AUDIT_EVENT_GROUPS = [
  { id: 'logins', types: ['login.success', 'login.failure', 'login.throttled', 'login.unthrottled', 'logout'] },
  { id: 'sessions', types: ['session.locked', 'session.revoked', 'sessions.ended_by_admin'] },
  {
    id: 'passwords',
    types: [
      'password.changed',
      'password.change_failed',
      'password.reset_by_admin',
      'password.temporary_used',
      'password.change_postponed',
      'password.recovered',
    ],
  },
  { id: 'accounts', types: ['setup.first_admin', 'user.created', 'user.updated', 'user.deactivated', 'user.reactivated'] },
  { id: 'settings', types: ['settings.updated'] },
  {
    id: 'mail',
    types: [
      'mail.test_sent',
      'mail.test_failed',
      'mail.sent',
      'mail.send_failed',
      'mail.failed',
      'mail.resent',
      'reset.requested',
      'reset.code_issued',
      'reset.code_rejected',
      'reset.completed',
      'invite.issued',
    ],
  },
  {
    id: 'approvals',
    types: [
      'approval.requested',
      'approval.approved',
      'approval.rejected',
      'approval.completed',
      'approval.expired',
      'approval.cancelled',
      'approval.code_failed',
      'recovery.code_issued',
      'recovery.code_used',
      'recovery.code_failed',
      'recovery.code_cancelled',
    ],
  },
  { id: 'backups', types: ['backup.created', 'backup.restored', 'backup.exported', 'backup.imported'] },
  { id: 'audit', types: ['audit.pruned', 'audit.exported', 'audit.settings_updated'] },
  { id: 'equipment', types: ['location.created', 'location.updated', 'equipment.created', 'equipment.updated', 'attachment.added', 'attachment.deleted'] },
  { id: 'reference', types: ['reference.created', 'reference.updated'] },
  { id: 'equipment_io', types: ['equipment.imported', 'equipment.exported', 'equipment.labels_printed'] },
  { id: 'work-orders', types: ['work_order.closed', 'work_order.cancelled'] },
  { id: 'requests', types: ['request.reported', 'request.accepted', 'request.refused', 'request.duplicate', 'request.cancelled'] },
  { id: 'checklists', types: ['checklist.created', 'checklist.updated', 'checklist.deactivated', 'checklist.reactivated', 'checklist.deleted'] },
  { id: 'parts', types: ['part.created', 'part.updated', 'part.where_used_added', 'part.where_used_removed', 'parts.imported', 'parts.exported', 'parts.labels_printed'] },
  { id: 'site_calendar', types: ['site_calendar.time_zone_changed', 'site_calendar.holiday_added', 'site_calendar.holiday_removed', 'site_calendar.holidays_filled'] },
  { id: 'costs', types: ['labour_rate.changed', 'work_order.service_added', 'work_order.service_removed'] },
  { id: 'preventive-plans', types: ['preventive.plan_created', 'preventive.plan_updated', 'preventive.plan_paused', 'preventive.plan_resumed', 'preventive.plan_archived'] },
  { id: 'meters', types: ['meter.created', 'meter.updated'] },
  { id: 'site', types: ['site.enrolment-code.created', 'site.workstation.enrolled', 'site.workstation.refused', 'site.workstation.revoked'] },
] as const;

export type AuditEventGroupId = (typeof AUDIT_EVENT_GROUPS)[number]['id'];
export type KnownAuditEventType = (typeof AUDIT_EVENT_GROUPS)[number]['types'][number];

export const KNOWN_AUDIT_EVENT_TYPES: readonly KnownAuditEventType[] = AUDIT_EVENT_GROUPS.flatMap((group) => group.types);

export function isKnownAuditEventType(type: string): type is KnownAuditEventType {
  return (KNOWN_AUDIT_EVENT_TYPES as readonly string[]).includes(type);
}
