// Node (tests). The OT state machine, pure: every (state, action) pair for every kind of person, legal and illegal,
// against a table written out by hand (not derived from the code under test).
import { describe, expect, it } from 'vitest';
import { availableActions, decideTransition, WORK_ORDER_ACTIONS, WORK_ORDER_STATUSES, type Actor, type WorkOrderAction, type WorkOrderStatusCode } from './transitions';

/** The legal moves: [from, action] → to. Everything else is refused. */
const LEGAL: Record<string, WorkOrderStatusCode> = {
  'draft:plan': 'planned',
  'draft:cancel': 'cancelled',
  'planned:start': 'in_progress',
  'planned:cancel': 'cancelled',
  'in_progress:start': 'in_progress',
  'in_progress:pause': 'on_hold',
  'in_progress:finish': 'done',
  'in_progress:cancel': 'cancelled',
  'on_hold:resume': 'in_progress',
  'on_hold:cancel': 'cancelled',
  'done:close': 'closed',
};
const MANAGERS_ONLY: readonly WorkOrderAction[] = ['plan', 'close', 'cancel'];

const ACTORS: Record<string, Actor> = {
  admin: { role: 'admin', isAssignee: false },
  manager: { role: 'maintenance_manager', isAssignee: false },
  assignedTechnician: { role: 'technician', isAssignee: true },
  otherTechnician: { role: 'technician', isAssignee: false },
  requester: { role: 'requester', isAssignee: true },
};

function expected(actorName: string, status: WorkOrderStatusCode, action: WorkOrderAction): WorkOrderStatusCode | null {
  const to = LEGAL[`${status}:${action}`];
  if (!to) return null;
  if (actorName === 'requester' || actorName === 'otherTechnician') return null;
  if (actorName === 'assignedTechnician' && MANAGERS_ONLY.includes(action)) return null;
  return to;
}

describe('the OT state machine', () => {
  for (const [actorName, actor] of Object.entries(ACTORS)) {
    for (const status of WORK_ORDER_STATUSES) {
      for (const action of WORK_ORDER_ACTIONS) {
        const to = expected(actorName, status, action);
        it(`${actorName}: ${action} from ${status} → ${to ?? 'refused'}`, () => {
          const decision = decideTransition(status, action, actor);
          if (to) expect(decision).toEqual({ ok: true, to });
          else {
            expect(decision.ok).toBe(false);
            if (!decision.ok) expect(decision.message).toMatch(/OT/);
          }
        });
      }
    }
  }

  it('names the states in French when the state refuses', () => {
    const decision = decideTransition('closed', 'start', ACTORS.manager);
    expect(decision).toEqual({
      ok: false,
      reason: 'state',
      message: "Impossible de démarrer un OT à l'état « clôturé » : il faut qu'il soit « planifié » ou « en cours ».",
    });
    expect(decideTransition('done', 'cancel', ACTORS.admin)).toMatchObject({ ok: false, message: expect.stringContaining('« terminé »') });
  });

  it('tells a technician an unassigned OT is not theirs, and a technician that closing is for managers', () => {
    expect(decideTransition('planned', 'start', ACTORS.otherTechnician)).toMatchObject({ ok: false, reason: 'not_assigned' });
    expect(decideTransition('done', 'close', ACTORS.assignedTechnician)).toMatchObject({ ok: false, reason: 'role', message: expect.stringContaining('responsable') });
  });

  it('offers the buttons of each state and role', () => {
    expect(availableActions('in_progress', ACTORS.assignedTechnician)).toEqual(['start', 'pause', 'finish']);
    expect(availableActions('in_progress', ACTORS.manager)).toEqual(['start', 'pause', 'finish', 'cancel']);
    expect(availableActions('done', ACTORS.manager)).toEqual(['close']);
    expect(availableActions('closed', ACTORS.admin)).toEqual([]);
    expect(availableActions('cancelled', ACTORS.admin)).toEqual([]);
    expect(availableActions('planned', ACTORS.otherTechnician)).toEqual([]);
  });
});
