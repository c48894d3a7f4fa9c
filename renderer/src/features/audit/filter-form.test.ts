// The filter form turns into exactly the filter main expects.
import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER_FORM, rangeReversed, toAuditFilter } from './filter-form';

describe('toAuditFilter', () => {
  it('sends nothing for an empty form', () => {
    expect(toAuditFilter(EMPTY_FILTER_FORM)).toEqual({});
  });

  it('reads the user, trims the text, keeps the days', () => {
    expect(toAuditFilter({ userId: '3', text: '  inconnu ', eventType: '', from: '2026-01-01', to: '2026-01-31' })).toEqual({
      userId: 3,
      text: 'inconnu',
      from: '2026-01-01',
      to: '2026-01-31',
    });
    expect(toAuditFilter({ ...EMPTY_FILTER_FORM, text: '   ' })).toEqual({});
  });

  it('expands a group into its types, and keeps a single type (even one the catalog does not know)', () => {
    expect(toAuditFilter({ ...EMPTY_FILTER_FORM, eventType: 'group:sessions' })).toEqual({
      eventTypes: ['session.locked', 'session.revoked', 'sessions.ended_by_admin'],
    });
    expect(toAuditFilter({ ...EMPTY_FILTER_FORM, eventType: 'login.failure' })).toEqual({ eventTypes: ['login.failure'] });
    expect(toAuditFilter({ ...EMPTY_FILTER_FORM, eventType: 'workorder.closed' })).toEqual({ eventTypes: ['workorder.closed'] });
  });

  it('spots a backwards range only when both days are set', () => {
    expect(rangeReversed({ ...EMPTY_FILTER_FORM, from: '2026-02-01', to: '2026-01-31' })).toBe(true);
    expect(rangeReversed({ ...EMPTY_FILTER_FORM, from: '2026-02-01', to: '2026-02-01' })).toBe(false);
    expect(rangeReversed({ ...EMPTY_FILTER_FORM, from: '2026-02-01' })).toBe(false);
  });
});
