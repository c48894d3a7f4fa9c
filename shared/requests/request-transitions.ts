// Pure (main and renderer). Every move of a DI, decided in plain code: main refuses the illegal ones, the renderer
// hides the buttons they would need. The write that follows compares-and-sets on `status = 'new'`, so two
// managers deciding at once can't both win.
import { MANAGERS, type Role } from '../contract/roles';
import type { RequestStatus } from './contract';

export type RequestAction = 'accept' | 'refuse' | 'markDuplicate' | 'cancel';

export interface RequestActor {
  userId: number;
  role: Role;
}

export type RequestDecision = { ok: true; next: RequestStatus } | { ok: false; code: 'FORBIDDEN' | 'INVALID_STATE' };

const TARGET: Record<RequestAction, RequestStatus> = { accept: 'accepted', refuse: 'refused', markDuplicate: 'duplicate', cancel: 'cancelled' };

/**
 * Only a new DI moves, and only once: accepted, refused, duplicate and cancelled are final. Triage is for managers;
 * cancelling is for the person who filed it (signed in when they did), not for a manager (who refuses instead).
 * Rights are checked before the state, so someone who may not act learns nothing about where the DI stands.
 */
export function decideRequestTransition(current: { status: RequestStatus; reporterUserId: number | null }, action: RequestAction, actor: RequestActor): RequestDecision {
  const allowed = action === 'cancel' ? current.reporterUserId !== null && current.reporterUserId === actor.userId : (MANAGERS as readonly Role[]).includes(actor.role);
  if (!allowed) return { ok: false, code: 'FORBIDDEN' };
  if (current.status !== 'new') return { ok: false, code: 'INVALID_STATE' };
  return { ok: true, next: TARGET[action] };
}

export const REQUEST_ACTIONS: readonly RequestAction[] = ['accept', 'refuse', 'markDuplicate', 'cancel'];
