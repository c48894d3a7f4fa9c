// Pure (Node). "Tableau de bord": the counts each role may see. Maintainers count the plant's OTs and machines à
// l'arrêt; a Responsable/Administrateur counts every new DI (they triage them), everyone else only their own.
import { MANAGERS, MAINTAINERS, type Role } from '../../../shared/contract/roles';
import type { DashboardSummary, dashboardContract } from '../../../shared/dashboard/contract';
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import { DashboardRepository } from './dashboard-repository';

export type DashboardModule = DomainModule<keyof typeof dashboardContract>;

const isIn = (roles: readonly Role[], role: Role) => roles.includes(role);

export function createDashboardModule(kernel: Kernel): DashboardModule {
  const repository = new DashboardRepository(kernel.database.kysely);

  async function summary(user: { id: number; role: Role }, now: number): Promise<DashboardSummary> {
    const allRequests = isIn(MANAGERS, user.role);
    const newRequests = await repository.countNewRequests(allRequests ? null : user.id);
    if (!isIn(MAINTAINERS, user.role)) return { newRequests, requestsScope: 'own', workOrders: null, stoppedEquipment: null };
    const [toPlan, overdue, waitingParts, mine, stoppedEquipment] = await Promise.all([
      repository.countDraftWorkOrders(),
      repository.countOverdueWorkOrders(now),
      repository.countWaitingForParts(),
      repository.countOpenAssignedTo(user.id),
      repository.countStoppedEquipment(),
    ]);
    return { newRequests, requestsScope: allRequests ? 'all' : 'own', workOrders: { toPlan, overdue, waitingParts, mine }, stoppedEquipment };
  }

  return {
    handlers: {
      'dashboard:summary': ({ session }) => summary(session.user, kernel.clock.now()),
    },
  };
}
