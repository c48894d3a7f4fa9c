import { describe, expect, it } from 'vitest';
import { ariaSort, availableActions, nextSort, passwordStateTone } from './users-view';

describe('users list sorting', () => {
  it('flips the direction on the same column', () => {
    expect(nextSort({ sort: 'displayName', direction: 'asc' }, 'displayName')).toEqual({ sort: 'displayName', direction: 'desc' });
    expect(nextSort({ sort: 'displayName', direction: 'desc' }, 'displayName')).toEqual({ sort: 'displayName', direction: 'asc' });
  });

  it('starts names A→Z and dates newest first', () => {
    expect(nextSort({ sort: 'displayName', direction: 'desc' }, 'username')).toEqual({ sort: 'username', direction: 'asc' });
    expect(nextSort({ sort: 'displayName', direction: 'asc' }, 'lastLoginAt')).toEqual({ sort: 'lastLoginAt', direction: 'desc' });
    expect(nextSort({ sort: 'lastLoginAt', direction: 'desc' }, 'createdAt')).toEqual({ sort: 'createdAt', direction: 'desc' });
  });

  it('tells assistive technology which column sorts, and how', () => {
    const current = { sort: 'role', direction: 'desc' } as const;
    expect(ariaSort(current, 'role')).toBe('descending');
    expect(ariaSort({ ...current, direction: 'asc' }, 'role')).toBe('ascending');
    expect(ariaSort(current, 'displayName')).toBe('none');
  });
});

describe('actions offered on an account', () => {
  const account = { id: 7, isActive: true, throttled: false, openSessions: 0 };

  it('an active colleague: edit, deactivate, reset', () => {
    expect(availableActions(account, 1)).toEqual({ edit: true, deactivate: true, reactivate: false, resetPassword: true, unblock: false, endSessions: false });
  });

  it('an inactive one: reactivate only (besides edit); no reset of a closed account', () => {
    expect(availableActions({ ...account, isActive: false }, 1)).toMatchObject({ deactivate: false, reactivate: true, resetPassword: false });
  });

  it('unblock and end sessions appear only when there is something to undo', () => {
    expect(availableActions({ ...account, throttled: true, openSessions: 2 }, 1)).toMatchObject({ unblock: true, endSessions: true });
  });

  it("the administrator's own row hides what would lock them out", () => {
    expect(availableActions({ ...account, id: 1, throttled: true, openSessions: 1 }, 1)).toEqual({
      edit: true,
      deactivate: false,
      reactivate: false,
      resetPassword: false,
      unblock: true,
      endSessions: false,
    });
  });

  it('password states: pending changes warn, dead temporary passwords alarm', () => {
    expect(passwordStateTone('ok')).toBe('neutral');
    expect(passwordStateTone('temporary')).toBe('warning');
    expect(passwordStateTone('invited')).toBe('warning');
    expect(passwordStateTone('changeOffered')).toBe('warning');
    expect(passwordStateTone('temporaryExpired')).toBe('danger');
    expect(passwordStateTone('temporaryUsed')).toBe('danger');
  });
});
