// Pure (tests). Every move of a DI from every status, by every kind of actor: only a new DI moves, triage is for
// managers, cancelling for its own reporter.
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../contract/roles';
import { REQUEST_STATUSES } from './contract';
import { decideRequestTransition, REQUEST_ACTIONS } from './request-transitions';

const REPORTER = 7;
const target = { accept: 'accepted', refuse: 'refused', markDuplicate: 'duplicate', cancel: 'cancelled' } as const;

describe('decideRequestTransition', () => {
  for (const status of REQUEST_STATUSES) {
    for (const action of REQUEST_ACTIONS) {
      for (const role of ROLES) {
        for (const isReporter of [true, false]) {
          const actor = { userId: isReporter ? REPORTER : 99, role: role as Role };
          const mayAct = action === 'cancel' ? isReporter : role === 'admin' || role === 'maintenance_manager';
          const expected = !mayAct ? { ok: false, code: 'FORBIDDEN' } : status !== 'new' ? { ok: false, code: 'INVALID_STATE' } : { ok: true, next: target[action] };
          it(`${status} + ${action} by ${role}${isReporter ? ' (reporter)' : ''} → ${expected.ok ? expected.next : expected.code}`, () => {
            expect(decideRequestTransition({ status, reporterUserId: REPORTER }, action, actor)).toEqual(expected);
          });
        }
      }
    }
  }

  it('an anonymous DI (filed from the login screen) cannot be cancelled by anyone, only triaged', () => {
    for (const role of ROLES) expect(decideRequestTransition({ status: 'new', reporterUserId: null }, 'cancel', { userId: 1, role })).toEqual({ ok: false, code: 'FORBIDDEN' });
    expect(decideRequestTransition({ status: 'new', reporterUserId: null }, 'refuse', { userId: 1, role: 'maintenance_manager' })).toEqual({ ok: true, next: 'refused' });
  });
});
