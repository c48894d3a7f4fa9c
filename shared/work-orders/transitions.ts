// Pure (main and renderer). The OT state machine: main decides with it, the renderer shows only the buttons it
// allows for this person. One function answers every (state, action, who) question, so the buttons a technician
// sees and what main accepts can never disagree.
//
// Decisions (documented for the lead):
// - A draft is never started directly, not even by a manager: `start` needs someone assigned and a date, which is
//   what `plan` checks. A manager who wants work to begin now plans it for today and starts it (two clicks), or
//   creates it with a date and assignees (it is born `planned`).
// - `start` on an OT already `in_progress` is legal: a second assignee "joins" and opens their own clock; the
//   status stays. Each person's clock is theirs (one running entry per person).
// - `pause` stops every running clock on the OT (nobody works on an OT that is on hold), `finish` too.
// - `closed` and `cancelled` are final and locked: no change, no time, no comment. Comments stay allowed on
//   `done` (the manager's remarks before closing).
// - Only managers plan, close and cancel; technicians act only on OTs assigned to them; requesters never act.
// - There is no "reopen": a finished OT that was badly done is closed with a comment and a new OT is created.
import type { Role } from '../contract/roles';

export const WORK_ORDER_STATUSES = ['draft', 'planned', 'in_progress', 'on_hold', 'done', 'closed', 'cancelled'] as const;
export type WorkOrderStatusCode = (typeof WORK_ORDER_STATUSES)[number];

export const WORK_ORDER_ACTIONS = ['plan', 'start', 'pause', 'resume', 'finish', 'close', 'cancel'] as const;
export type WorkOrderAction = (typeof WORK_ORDER_ACTIONS)[number];

export const HOLD_REASONS = ['parts', 'production', 'subcontractor', 'other'] as const;
export type HoldReasonCode = (typeof HOLD_REASONS)[number];

/** The French words the UI and the error messages use for each status. */
export const STATUS_LABELS_FR: Record<WorkOrderStatusCode, string> = {
  draft: 'brouillon',
  planned: 'planifié',
  in_progress: 'en cours',
  on_hold: 'en attente',
  done: 'terminé',
  closed: 'clôturé',
  cancelled: 'annulé',
};

export const ACTION_LABELS_FR: Record<WorkOrderAction, string> = {
  plan: 'planifier',
  start: 'démarrer',
  pause: 'mettre en attente',
  resume: 'reprendre',
  finish: 'terminer',
  close: 'clôturer',
  cancel: 'annuler',
};

/** Who asks: their role and whether the OT is assigned to them. */
export interface Actor {
  role: Role;
  isAssignee: boolean;
}

/** Where each action may start from, and where it leads. */
const MOVES: Record<WorkOrderAction, { from: readonly WorkOrderStatusCode[]; to: WorkOrderStatusCode; managersOnly: boolean }> = {
  plan: { from: ['draft'], to: 'planned', managersOnly: true },
  start: { from: ['planned', 'in_progress'], to: 'in_progress', managersOnly: false },
  pause: { from: ['in_progress'], to: 'on_hold', managersOnly: false },
  resume: { from: ['on_hold'], to: 'in_progress', managersOnly: false },
  finish: { from: ['in_progress'], to: 'done', managersOnly: false },
  close: { from: ['done'], to: 'closed', managersOnly: true },
  cancel: { from: ['draft', 'planned', 'in_progress', 'on_hold'], to: 'cancelled', managersOnly: true },
};

export function isManagerRole(role: Role): boolean {
  return role === 'admin' || role === 'maintenance_manager';
}

export type TransitionDecision =
  | { ok: true; to: WorkOrderStatusCode }
  | { ok: false; reason: 'state' | 'role' | 'not_assigned'; message: string };

/** May `actor` do `action` on an OT in `status`? The refusal's message is French and names the states. */
export function decideTransition(status: WorkOrderStatusCode, action: WorkOrderAction, actor: Actor): TransitionDecision {
  const move = MOVES[action];
  if (!move.from.includes(status)) {
    const allowed = move.from.map((s) => `« ${STATUS_LABELS_FR[s]} »`).join(' ou ');
    return {
      ok: false,
      reason: 'state',
      message: `Impossible de ${ACTION_LABELS_FR[action]} un OT à l'état « ${STATUS_LABELS_FR[status]} » : il faut qu'il soit ${allowed}.`,
    };
  }
  if (actor.role === 'requester') {
    return { ok: false, reason: 'role', message: `Un demandeur ne peut pas ${ACTION_LABELS_FR[action]} un OT (état « ${STATUS_LABELS_FR[status]} »).` };
  }
  const manager = isManagerRole(actor.role);
  if (move.managersOnly && !manager) {
    return {
      ok: false,
      reason: 'role',
      message: `Seul un responsable maintenance ou un administrateur peut ${ACTION_LABELS_FR[action]} un OT (état « ${STATUS_LABELS_FR[status]} »).`,
    };
  }
  if (!manager && !actor.isAssignee) {
    return {
      ok: false,
      reason: 'not_assigned',
      message: `Cet OT (état « ${STATUS_LABELS_FR[status]} ») ne vous est pas affecté : vous ne pouvez pas le ${ACTION_LABELS_FR[action]}.`,
    };
  }
  return { ok: true, to: move.to };
}

/** The actions this person may take now, in the order the buttons show. */
export function availableActions(status: WorkOrderStatusCode, actor: Actor): WorkOrderAction[] {
  return WORK_ORDER_ACTIONS.filter((action) => decideTransition(status, action, actor).ok);
}

/** Closed and cancelled OTs are locked: nothing changes after, not even a comment. */
export function isLocked(status: WorkOrderStatusCode): boolean {
  return status === 'closed' || status === 'cancelled';
}

/** Planning fields (date, duration, assignees…) change only before the work is finished. */
export function isPlanningEditable(status: WorkOrderStatusCode): boolean {
  return status === 'draft' || status === 'planned' || status === 'in_progress' || status === 'on_hold';
}

/** Time may be recorded while the work runs or waits, and after it is finished until it is closed. */
export function acceptsTime(status: WorkOrderStatusCode): boolean {
  return status === 'in_progress' || status === 'on_hold' || status === 'done';
}

/** Comments: every state but the locked ones. */
export function acceptsComments(status: WorkOrderStatusCode): boolean {
  return !isLocked(status);
}

/** Who may act on an OT's time and comments: managers always, technicians only when assigned. */
export function mayWorkOn(actor: Actor): boolean {
  return isManagerRole(actor.role) || (actor.role === 'technician' && actor.isAssignee);
}
