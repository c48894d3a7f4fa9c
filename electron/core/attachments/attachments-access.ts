// Pure (Node). Who may read, add or delete the files of an owner, decided in plain code from the caller's role and
// the owner's facts (a DI's reporter, an OT's assignees), which the service loads first.
import { MAINTAINERS, MANAGERS, type Role } from '../../../shared/contract';

export type AttachmentOperation = 'read' | 'add' | 'delete';

export type OwnerFacts = { kind: 'equipment' } | { kind: 'part' } | { kind: 'request'; reporterUserId: number | null } | { kind: 'work_order'; assigneeIds: readonly number[] };

const isManager = (role: Role) => (MANAGERS as readonly Role[]).includes(role);
const isMaintainer = (role: Role) => (MAINTAINERS as readonly Role[]).includes(role);

/**
 * equipment, part: everyone signed in reads; managers add and delete.
 * work_order: maintainers read; managers add, a technician only on an OT assigned to them; managers delete.
 * request: its reporter (signed in when filing) and maintainers read; its reporter and managers add; managers delete.
 */
export function mayAccess(operation: AttachmentOperation, owner: OwnerFacts, caller: { userId: number; role: Role }): boolean {
  switch (owner.kind) {
    case 'equipment':
    case 'part':
      return operation === 'read' || isManager(caller.role);
    case 'work_order':
      if (operation === 'read') return isMaintainer(caller.role);
      if (operation === 'add') return isManager(caller.role) || (caller.role === 'technician' && owner.assigneeIds.includes(caller.userId));
      return isManager(caller.role);
    case 'request': {
      const isReporter = owner.reporterUserId !== null && owner.reporterUserId === caller.userId;
      if (operation === 'read') return isReporter || isMaintainer(caller.role);
      if (operation === 'add') return isReporter || isManager(caller.role);
      return isManager(caller.role);
    }
  }
}
