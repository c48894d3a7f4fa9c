// Renderer. The signed-in app's route tree: one route per page of issue 13's table, each with the roles that may
// open it. A role that may not see a route is sent to the dashboard (`/`); this only spares people a page of
// refusals, since main still checks the role on every channel. Pages read their params and search from the
// route objects exported here (`otRoute.useParams()`), or link with `<Link to="/ot/$number" params={…}>`.
// Pages load on first visit (their own chunks): the first screen (login) stays small on a shop-floor PC.
import { createRootRoute, createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { MAINTAINERS, MANAGERS, type Role } from '../../../shared/contract/roles';
import { useSessionStore } from '../features/session/session-store';
import { AboutPage } from '../features/app/AboutPage';
import { HomePage } from '../features/home/HomePage';
import { UsersPage } from '../features/accounts/UsersPage';
import { parseRequestsSearch } from '../features/requests/list-search';
import { parseWorkOrdersSearch } from '../features/work-orders/list-search';
import { parseStockSearch } from '../features/stock/StockPage';
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
  component: lazyRouteComponent(() => import('../features/requests/RequestsListPage'), 'RequestsListPage'),
});
export const newRequestRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/demandes/nouvelle',
  /** `?equipement=PR-003`: the equipment a scanned label or an equipment page pre-fills. */
  validateSearch: (search: Record<string, unknown>): { equipement?: string } => {
    const equipement = optionalString(search.equipement);
    return equipement === undefined ? {} : { equipement };
  },
  component: lazyRouteComponent(() => import('../features/requests/NewRequestPage'), 'NewRequestPage'),
});
export const myRequestsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/demandes/mes', component: lazyRouteComponent(() => import('../features/requests/MyRequestsPage'), 'MyRequestsPage') });
/** Every role: main decides which DIs each may see. */
export const requestRoute = createRoute({ getParentRoute: () => rootRoute, path: '/demandes/$number', component: lazyRouteComponent(() => import('../features/requests/RequestPage'), 'RequestPage') });

export const workOrdersListRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/ot',
  /** `?vue=retard`: one of the saved views, with the rest of the filter in French (`statut`, `q`, `tri`…). */
  validateSearch: parseWorkOrdersSearch,
  beforeLoad: guard(MAINTAINERS),
  component: lazyRouteComponent(() => import('../features/work-orders/WorkOrdersListPage'), 'WorkOrdersListPage'),
});
export const myWorkOrdersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/ot/mes',
  beforeLoad: guard(MAINTAINERS),
  component: lazyRouteComponent(() => import('../features/work-orders/MyWorkOrdersPage'), 'MyWorkOrdersPage'),
});
export const newWorkOrderRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/ot/nouveau',
  beforeLoad: guard(MANAGERS),
  component: lazyRouteComponent(() => import('../features/work-orders/NewWorkOrderPage'), 'NewWorkOrderPage'),
});
export const otRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/ot/$number',
  beforeLoad: guard(MAINTAINERS),
  component: lazyRouteComponent(() => import('../features/work-orders/WorkOrderPage'), 'WorkOrderPage'),
});

export const equipmentListRoute = createRoute({ getParentRoute: () => rootRoute, path: '/equipements', component: lazyRouteComponent(() => import('../features/equipment/EquipmentListPage'), 'EquipmentListPage') });
export const equipmentImportRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/equipements/import',
  beforeLoad: guard(MANAGERS),
  component: lazyRouteComponent(() => import('../features/equipment/EquipmentImportPage'), 'EquipmentImportPage'),
});
export const equipmentLabelsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/equipements/etiquettes',
  beforeLoad: guard(MANAGERS),
  component: lazyRouteComponent(() => import('../features/equipment/EquipmentLabelsPage'), 'EquipmentLabelsPage'),
});
export const equipmentRoute = createRoute({ getParentRoute: () => rootRoute, path: '/equipements/$code', component: lazyRouteComponent(() => import('../features/equipment/EquipmentPage'), 'EquipmentPage') });
export const locationsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/localisations',
  beforeLoad: guard(MANAGERS),
  component: lazyRouteComponent(() => import('../features/equipment/LocationsPage'), 'LocationsPage'),
});
export const referenceListsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/referentiels',
  beforeLoad: guard(ADMIN),
  component: lazyRouteComponent(() => import('../features/reference/ReferenceListsPage'), 'ReferenceListsPage'),
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
export const securityRoute = createRoute({ getParentRoute: () => rootRoute, path: '/admin/securite', beforeLoad: guard(ADMIN), component: lazyRouteComponent(() => import('../features/security/SecurityPage'), 'SecurityPage') });
export const auditRoute = createRoute({ getParentRoute: () => rootRoute, path: '/admin/journal', beforeLoad: guard(ADMIN), component: lazyRouteComponent(() => import('../features/audit/AuditPage'), 'AuditPage') });
export const backupsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/admin/sauvegardes', beforeLoad: guard(ADMIN), component: lazyRouteComponent(() => import('../features/backups/BackupsPage'), 'BackupsPage') });
export const emailRoute = createRoute({ getParentRoute: () => rootRoute, path: '/admin/messagerie', beforeLoad: guard(ADMIN), component: lazyRouteComponent(() => import('../features/email/EmailPage'), 'EmailPage') });
export const resetRequestsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/reinitialisations',
  beforeLoad: guard(ADMIN),
  component: lazyRouteComponent(() => import('../features/approval/ResetRequestsPage'), 'ResetRequestsPage'),
});
// Issue 16: the client PCs of a site server (a poste autonome's page says it is not one).
export const workstationsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/admin/postes', beforeLoad: guard(ADMIN), component: lazyRouteComponent(() => import('../features/site/WorkstationsPage'), 'WorkstationsPage') });
export const aboutRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/a-propos',
  component: function AboutRoutePage() {
    const user = useSessionStore((state) => state.user);
    return user ? <AboutPage user={user} /> : null;
  },
});

// Issues 14 (préventif) and 15 (magasin, coûts, indicateurs).
export const planningRoute = createRoute({ getParentRoute: () => rootRoute, path: '/planning', beforeLoad: guard(MAINTAINERS), component: lazyRouteComponent(() => import('../features/planning/PlanningPage'), 'PlanningPage') });
export const plansListRoute = createRoute({ getParentRoute: () => rootRoute, path: '/preventif/plans', beforeLoad: guard(MANAGERS), component: lazyRouteComponent(() => import('../features/preventive/PlansListPage'), 'PlansListPage') });
export const planRoute = createRoute({ getParentRoute: () => rootRoute, path: '/preventif/plans/$code', beforeLoad: guard(MANAGERS), component: lazyRouteComponent(() => import('../features/preventive/PlanPage'), 'PlanPage') });
export const checklistsListRoute = createRoute({ getParentRoute: () => rootRoute, path: '/preventif/gammes', beforeLoad: guard(MANAGERS), component: lazyRouteComponent(() => import('../features/checklists/ChecklistsListPage'), 'ChecklistsListPage') });
export const checklistRoute = createRoute({ getParentRoute: () => rootRoute, path: '/preventif/gammes/$code', beforeLoad: guard(MANAGERS), component: lazyRouteComponent(() => import('../features/checklists/ChecklistPage'), 'ChecklistPage') });
export const forecastRoute = createRoute({ getParentRoute: () => rootRoute, path: '/preventif/previsions', beforeLoad: guard(MANAGERS), component: lazyRouteComponent(() => import('../features/preventive/ForecastPage'), 'ForecastPage') });
export const complianceRoute = createRoute({ getParentRoute: () => rootRoute, path: '/preventif/conformite', beforeLoad: guard(MANAGERS), component: lazyRouteComponent(() => import('../features/preventive/CompliancePage'), 'CompliancePage') });
export const siteCalendarRoute = createRoute({ getParentRoute: () => rootRoute, path: '/preventif/calendrier-site', beforeLoad: guard(MANAGERS), component: lazyRouteComponent(() => import('../features/preventive/SiteCalendarPage'), 'SiteCalendarPage') });
export const readingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/releves',
  /** `?equipement=PR-003` (a QR label, the equipment page's link) opens that equipment's meters. */
  validateSearch: (search: Record<string, unknown>): { equipement?: string } => {
    const equipement = optionalString(search.equipement);
    return equipement === undefined ? {} : { equipement };
  },
  component: lazyRouteComponent(() => import('../features/meters/ReadingsPage'), 'ReadingsPage'),
});
export const partsListRoute = createRoute({ getParentRoute: () => rootRoute, path: '/magasin/pieces', beforeLoad: guard(MAINTAINERS), component: lazyRouteComponent(() => import('../features/parts/PartsListPage'), 'PartsListPage') });
export const partsImportRoute = createRoute({ getParentRoute: () => rootRoute, path: '/magasin/pieces/import', beforeLoad: guard(MANAGERS), component: lazyRouteComponent(() => import('../features/parts/PartsImportPage'), 'PartsImportPage') });
export const partRoute = createRoute({ getParentRoute: () => rootRoute, path: '/magasin/pieces/$code', beforeLoad: guard(MAINTAINERS), component: lazyRouteComponent(() => import('../features/parts/PartPage'), 'PartPage') });
export const storeLabelsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/magasin/etiquettes', beforeLoad: guard(MANAGERS), component: lazyRouteComponent(() => import('../features/parts/StoreLabelsPage'), 'StoreLabelsPage') });
export const stockRoute = createRoute({ getParentRoute: () => rootRoute, path: '/magasin/stock', beforeLoad: guard(MAINTAINERS), validateSearch: parseStockSearch, component: lazyRouteComponent(() => import('../features/stock/StockPage'), 'StockPage') });
export const reorderRoute = createRoute({ getParentRoute: () => rootRoute, path: '/magasin/reappro', beforeLoad: guard(MANAGERS), component: lazyRouteComponent(() => import('../features/stock/ReorderPage'), 'ReorderPage') });
export const inventoriesRoute = createRoute({ getParentRoute: () => rootRoute, path: '/magasin/inventaires', beforeLoad: guard(MANAGERS), component: lazyRouteComponent(() => import('../features/stock/InventoriesPage'), 'InventoriesPage') });
export const inventoryCountRoute = createRoute({ getParentRoute: () => rootRoute, path: '/magasin/inventaires/$id', beforeLoad: guard(MANAGERS), component: lazyRouteComponent(() => import('../features/stock/InventoryCountPage'), 'InventoryCountPage') });
export const indicatorsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/indicateurs', beforeLoad: guard(MANAGERS), component: lazyRouteComponent(() => import('../features/indicators/IndicatorsPage'), 'IndicatorsPage') });
export const labourRatesRoute = createRoute({ getParentRoute: () => rootRoute, path: '/admin/taux-horaires', beforeLoad: guard(MANAGERS), component: lazyRouteComponent(() => import('../features/costs/LabourRatesPage'), 'LabourRatesPage') });

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
  workstationsRoute,
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
