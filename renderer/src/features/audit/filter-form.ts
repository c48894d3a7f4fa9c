// Renderer (pure). The filter form's values as typed, and the filter they mean for main.
// The event drop-down holds either one type or a whole group ("group:logins").
import { AUDIT_EVENT_GROUPS } from '../../../../shared/audit/audit-catalog';
import type { AuditFilter } from '../../../../shared/contract';

export interface FilterForm {
  userId: string;
  text: string;
  eventType: string;
  from: string;
  to: string;
}

export const EMPTY_FILTER_FORM: FilterForm = { userId: '', text: '', eventType: '', from: '', to: '' };

export const GROUP_PREFIX = 'group:';

export function toAuditFilter(form: FilterForm): AuditFilter {
  const filter: AuditFilter = {};
  if (form.userId) filter.userId = Number(form.userId);
  if (form.text.trim()) filter.text = form.text.trim();
  if (form.eventType.startsWith(GROUP_PREFIX)) {
    const group = AUDIT_EVENT_GROUPS.find((g) => `${GROUP_PREFIX}${g.id}` === form.eventType);
    if (group) filter.eventTypes = [...group.types];
  } else if (form.eventType) {
    filter.eventTypes = [form.eventType];
  }
  if (form.from) filter.from = form.from;
  if (form.to) filter.to = form.to;
  return filter;
}

/** The one check the form makes before asking main (main checks it again): the range must not run backwards. */
export function rangeReversed(form: FilterForm): boolean {
  return form.from !== '' && form.to !== '' && form.from > form.to;
}
