// Renderer. The signed-in app's route tree: one route per page of issue 13's table, each with the roles that may
// open it. A role that may not see a route is sent to the dashboard (`/`); this only spares people a page of
// refusals, since main still checks the role on every channel. Pages read their params and search from the
// route objects exported here (`otRoute.useParams()`), or link with `<Link to="/ot/$number" params={…}>`.
import { createRootRoute, createRoute, redirect } from '@tanstack/react-router';
import { MAINTAINERS, MANAGERS, type Role } from '../../../shared/contract/roles';
import { useSessionStore } from '../features/session/session-store';
import { AboutPage } from '../features/app/AboutPage';
import { AuditPage } from '../features/audit/AuditPage';
import { BackupsPage } from '../features/backups/BackupsPage';
import { EmailPage } from '../features/email/EmailPage';
import { HomePage } from '../features/home/HomePage';
import { ResetRequestsPage } from '../features/approval/ResetRequestsPage';
import { SecurityPage } from '../features/security/SecurityPage';
import { UsersPage } from '../features/accounts/UsersPage';
import { RequestsListPage } from '../features/requests/RequestsListPage';
import { NewRequestPage } from '../features/requests/NewRequestPage';
import { MyRequestsPage } from '../features/requests/MyRequestsPage';
import { RequestPage } from '../features/requests/RequestPage';
import { WorkOrdersListPage } from '../features/work-orders/WorkOrdersListPage';
import { MyWorkOrdersPage } from '../features/work-orders/MyWorkOrdersPage';
import { NewWorkOrderPage } from '../features/work-orders/NewWorkOrderPage';
import { WorkOrderPage } from '../features/work-orders/WorkOrderPage';
import { EquipmentListPage } from '../features/equipment/EquipmentListPage';
import { EquipmentPage } from '../features/equipment/EquipmentPage';
import { LocationsPage } from '../features/equipment/LocationsPage';
import { EquipmentImportPage } from '../features/equipment/EquipmentImportPage';
import { EquipmentLabelsPage } from '../features/equipment/EquipmentLabelsPage';
import { ReferenceListsPage } from '../features/reference/ReferenceListsPage';
import { parseRequestsSearch } from '../features/requests/list-search';
import { parseWorkOrdersSearch } from '../features/work-orders/list-search';
import { PlanningPage } from '../features/planning/PlanningPage';
import { PlansListPage } from '../features/preventive/PlansListPage';
import { PlanPage } from '../features/preventive/PlanPage';
import { ChecklistsListPage } from '../features/checklists/ChecklistsListPage';
import { ChecklistPage } from '../features/checklists/ChecklistPage';
import { ForecastPage } from '../features/preventive/ForecastPage';
import { CompliancePage } from '../features/preventive/CompliancePage';
import { SiteCalendarPage } from '../features/preventive/SiteCalendarPage';
import { ReadingsPage } from '../features/meters/ReadingsPage';
import { PartsListPage } from '../features/parts/PartsListPage';
import { PartsImportPage } from '../features/parts/PartsImportPage';
import { PartPage } from '../features/parts/PartPage';
import { StoreLabelsPage } from '../features/parts/StoreLabelsPage';
import { StockPage } from '../features/stock/StockPage';
import { ReorderPage } from '../features/stock/ReorderPage';
import { InventoriesPage } from '../features/stock/InventoriesPage';
import { InventoryCountPage } from '../features/stock/InventoryCountPage';
import { IndicatorsPage } from '../features/indicators/IndicatorsPage';
import { LabourRatesPage } from '../features/costs/LabourRatesPage';
import { NotFoundPage } from './NotFoundPage';
import { ShellLayout } from './ShellLayout';

/** Who may open a route: every signed-in role, or the roles listed. */
export type RouteAccess = 'all' | readonly Role[];
const ADMIN = ['admin'] as const satisfies readonly Role[];

/** Pure: may this role open a route with this access? */
export function mayOpen(access: RouteAccess, role: Role | undefined): boolean {
  if (role === undefined) return false;
  return access === 'all' || access.includes(role);
}

/** The guard of a route: the dashboard instead of a page this role may not see. */
function guard(access: RouteAccess) {
  return () => {
    if (!mayOpen(access, useSessionStore.getState().user?.role)) throw redirect({ to: '/', replace: true });
  };
}


function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export const rootRoute = createRootRoute({ component: ShellLayout, notFoundComponent: NotFoundPage });

export const homeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: HomePage });

export const requestsListRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/demandes',
  /** The list's filter lives in the URL in French (`statut`, `q`, `tri`…): a link to a filtered list works. */
  validateSearch: parseRequestsSearch,
  beforeLoad: guard(MANAGERS),
  component: RequestsListPage,
});
export const newRequestRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/demandes/nouvelle',
  /** `?equipement=PR-003`: the equipment a scanned label or an equipment page pre-fills. */
  validateSearch: (search: Record<string, unknown>): { equipement?: string } => {
    const equipement = optionalString(search.equipement);
    return equipement === undefined ? {} : { equipement };
  },
  component: NewRequestPage,
});
export const myRequestsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/demandes/mes', component: MyRequestsPage });
/** Every role: main decides which DIs each may see. */
export const requestRoute = createRoute({ getParentRoute: () => rootRoute, path: '/demandes/$number', component: RequestPage });

export const workOrdersListRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/ot',
  /** `?vue=retard`: one of the saved views, with the rest of the filter in French (`statut`, `q`, `tri`…). */
  validateSearch: parseWorkOrdersSearch,
  beforeLoad: guard(MAINTAINERS),
  component: WorkOrdersListPage,
});
export const myWorkOrdersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/ot/mes',
  beforeLoad: guard(MAINTAINERS),
  component: MyWorkOrdersPage,
});
export const newWorkOrderRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/ot/nouveau',
  beforeLoad: guard(MANAGERS),
  component: NewWorkOrderPage,
});
export const otRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/ot/$number',
  beforeLoad: guard(MAINTAINERS),
  component: WorkOrderPage,
});

export const equipmentListRoute = createRoute({ getParentRoute: () => rootRoute, path: '/equipements', component: EquipmentListPage });
export const equipmentImportRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/equipements/import',
  beforeLoad: guard(MANAGERS),
  component: EquipmentImportPage,
});
export const equipmentLabelsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/equipements/etiquettes',
  beforeLoad: guard(MANAGERS),
  component: EquipmentLabelsPage,
});
export const equipmentRoute = createRoute({ getParentRoute: () => rootRoute, path: '/equipements/$code', component: EquipmentPage });
export const locationsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/localisations',
  beforeLoad: guard(MANAGERS),
  component: LocationsPage,
});
export const referenceListsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/referentiels',
  beforeLoad: guard(ADMIN),
  component: ReferenceListsPage,
});

export const usersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/utilisateurs',
  beforeLoad: guard(ADMIN),
  component: function UsersRoutePage() {
    const user = useSessionStore((state) => state.user);
    return user ? <UsersPage self={user} /> : null;
  },
});
export const securityRoute = createRoute({ getParentRoute: () => rootRoute, path: '/admin/securite', beforeLoad: guard(ADMIN), component: SecurityPage });
export const auditRoute = createRoute({ getParentRoute: () => rootRoute, path: '/admin/journal', beforeLoad: guard(ADMIN), component: AuditPage });
export const backupsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/admin/sauvegardes', beforeLoad: guard(ADMIN), component: BackupsPage });
export const emailRoute = createRoute({ getParentRoute: () => rootRoute, path: '/admin/messagerie', beforeLoad: guard(ADMIN), component: EmailPage });
export const resetRequestsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/reinitialisations',
  beforeLoad: guard(ADMIN),
  component: ResetRequestsPage,
});
export const aboutRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/a-propos',
  component: function AboutRoutePage() {
    const user = useSessionStore((state) => state.user);
    return user ? <AboutPage user={user} /> : null;
  },
});

// Issues 14 (préventif) and 15 (magasin, coûts, indicateurs).
export const planningRoute = createRoute({ getParentRoute: () => rootRoute, path: '/planning', beforeLoad: guard(MAINTAINERS), component: PlanningPage });
export const plansListRoute = createRoute({ getParentRoute: () => rootRoute, path: '/preventif/plans', beforeLoad: guard(MANAGERS), component: PlansListPage });
export const planRoute = createRoute({ getParentRoute: () => rootRoute, path: '/preventif/plans/$code', beforeLoad: guard(MANAGERS), component: PlanPage });
export const checklistsListRoute = createRoute({ getParentRoute: () => rootRoute, path: '/preventif/gammes', beforeLoad: guard(MANAGERS), component: ChecklistsListPage });
export const checklistRoute = createRoute({ getParentRoute: () => rootRoute, path: '/preventif/gammes/$code', beforeLoad: guard(MANAGERS), component: ChecklistPage });
export const forecastRoute = createRoute({ getParentRoute: () => rootRoute, path: '/preventif/previsions', beforeLoad: guard(MANAGERS), component: ForecastPage });
export const complianceRoute = createRoute({ getParentRoute: () => rootRoute, path: '/preventif/conformite', beforeLoad: guard(MANAGERS), component: CompliancePage });
export const siteCalendarRoute = createRoute({ getParentRoute: () => rootRoute, path: '/preventif/calendrier-site', beforeLoad: guard(MANAGERS), component: SiteCalendarPage });
export const readingsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/releves', validateSearch: (search: Record<string, unknown>): { equipement?: string } => { const equipement = optionalString(search.equipement); return equipement === undefined ? {} : { equipement }; }, component: ReadingsPage });
export const partsListRoute = createRoute({ getParentRoute: () => rootRoute, path: '/magasin/pieces', beforeLoad: guard(MAINTAINERS), component: PartsListPage });
export const partsImportRoute = createRoute({ getParentRoute: () => rootRoute, path: '/magasin/pieces/import', beforeLoad: guard(MANAGERS), component: PartsImportPage });
export const partRoute = createRoute({ getParentRoute: () => rootRoute, path: '/magasin/pieces/$code', beforeLoad: guard(MAINTAINERS), component: PartPage });
export const storeLabelsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/magasin/etiquettes', beforeLoad: guard(MANAGERS), component: StoreLabelsPage });
export const stockRoute = createRoute({ getParentRoute: () => rootRoute, path: '/magasin/stock', beforeLoad: guard(MAINTAINERS), component: StockPage });
export const reorderRoute = createRoute({ getParentRoute: () => rootRoute, path: '/magasin/reappro', beforeLoad: guard(MANAGERS), component: ReorderPage });
export const inventoriesRoute = createRoute({ getParentRoute: () => rootRoute, path: '/magasin/inventaires', beforeLoad: guard(MANAGERS), component: InventoriesPage });
export const inventoryCountRoute = createRoute({ getParentRoute: () => rootRoute, path: '/magasin/inventaires/$id', beforeLoad: guard(MANAGERS), component: InventoryCountPage });
export const indicatorsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/indicateurs', beforeLoad: guard(MANAGERS), component: IndicatorsPage });
export const labourRatesRoute = createRoute({ getParentRoute: () => rootRoute, path: '/admin/taux-horaires', beforeLoad: guard(MANAGERS), component: LabourRatesPage });

export const routeTree = rootRoute.addChildren([
  homeRoute,
  requestsListRoute,
  newRequestRoute,
  myRequestsRoute,
  requestRoute,
  workOrdersListRoute,
  myWorkOrdersRoute,
  newWorkOrderRoute,
  otRoute,
  equipmentListRoute,
  equipmentImportRoute,
  equipmentLabelsRoute,
  equipmentRoute,
  locationsRoute,
  referenceListsRoute,
  usersRoute,
  securityRoute,
  auditRoute,
  backupsRoute,
  emailRoute,
  resetRequestsRoute,
  planningRoute,
  plansListRoute,
  planRoute,
  checklistsListRoute,
  checklistRoute,
  forecastRoute,
  complianceRoute,
  siteCalendarRoute,
  readingsRoute,
  partsListRoute,
  partsImportRoute,
  partRoute,
  storeLabelsRoute,
  stockRoute,
  reorderRoute,
  inventoriesRoute,
  inventoryCountRoute,
  indicatorsRoute,
  labourRatesRoute,
  aboutRoute,
]);
