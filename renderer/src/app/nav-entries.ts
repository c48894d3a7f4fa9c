// Renderer (pure). The sidebar's entries in their groups, who sees each, and which one marks the current page.
// Kept free of React so the role → entries mapping is unit-tested on its own.
import { MAINTAINERS, MANAGERS, type Role } from '../../../shared/contract/roles';

export type NavGroupId = 'maintenance' | 'preventive' | 'stores' | 'administration' | 'other';

export interface NavEntry {
  /** The route it opens (one of routes.tsx's paths). */
  to: string;
  /** i18n key of its label (kept the same as before issue 13 for the admin pages: tests and habits click them by name). */
  label: string;
  roles: 'all' | readonly Role[];
}

export interface NavGroup {
  id: NavGroupId;
  /** i18n key of the group's heading; the last group ("À propos") has none. */
  title: string | null;
  entries: readonly NavEntry[];
}

const ADMIN = ['admin'] as const satisfies readonly Role[];
const NOT_MANAGERS = ['technician', 'requester'] as const satisfies readonly Role[];

export const NAV_GROUPS: readonly NavGroup[] = [
  {
    id: 'maintenance',
    title: 'shell.groups.maintenance',
    entries: [
      { to: '/', label: 'shell.nav.dashboard', roles: 'all' },
      { to: '/demandes', label: 'shell.nav.requests', roles: MANAGERS },
      { to: '/demandes/mes', label: 'shell.nav.myRequests', roles: NOT_MANAGERS },
      { to: '/ot', label: 'shell.nav.workOrders', roles: MAINTAINERS },
      { to: '/ot/mes', label: 'shell.nav.myWorkOrders', roles: ['technician'] },
      { to: '/equipements', label: 'shell.nav.equipment', roles: 'all' },
      { to: '/localisations', label: 'shell.nav.locations', roles: MANAGERS },
      { to: '/referentiels', label: 'shell.nav.reference', roles: ADMIN },
      { to: '/indicateurs', label: 'shell.nav.indicators', roles: MANAGERS },
    ],
  },
  {
    id: 'preventive',
    title: 'shell.groups.preventive',
    entries: [
      { to: '/planning', label: 'shell.nav.planning', roles: MAINTAINERS },
      { to: '/preventif/plans', label: 'shell.nav.plans', roles: MANAGERS },
      { to: '/preventif/gammes', label: 'shell.nav.checklists', roles: MANAGERS },
      { to: '/preventif/previsions', label: 'shell.nav.forecast', roles: MANAGERS },
      { to: '/preventif/conformite', label: 'shell.nav.compliance', roles: MANAGERS },
      { to: '/releves', label: 'shell.nav.readings', roles: 'all' },
    ],
  },
  {
    id: 'stores',
    title: 'shell.groups.stores',
    entries: [
      { to: '/magasin/pieces', label: 'shell.nav.parts', roles: MAINTAINERS },
      { to: '/magasin/stock', label: 'shell.nav.stock', roles: MAINTAINERS },
      { to: '/magasin/reappro', label: 'shell.nav.reorder', roles: MANAGERS },
      { to: '/magasin/inventaires', label: 'shell.nav.inventories', roles: MANAGERS },
    ],
  },
  {
    id: 'administration',
    title: 'shell.groups.administration',
    entries: [
      { to: '/admin/utilisateurs', label: 'users.nav', roles: ADMIN },
      { to: '/admin/taux-horaires', label: 'shell.nav.labourRates', roles: MANAGERS },
      { to: '/admin/securite', label: 'nav.security', roles: ADMIN },
      { to: '/admin/journal', label: 'audit.nav', roles: ADMIN },
      { to: '/admin/sauvegardes', label: 'backups.nav', roles: ADMIN },
      { to: '/admin/messagerie', label: 'email.nav', roles: ADMIN },
      { to: '/admin/reinitialisations', label: 'approvalRequests.nav', roles: ADMIN },
    ],
  },
  { id: 'other', title: null, entries: [{ to: '/a-propos', label: 'shipping.nav.about', roles: 'all' }] },
];

/** The groups this role sees, each with only its entries; a group left empty is not shown at all. */
export function navGroupsFor(role: Role): NavGroup[] {
  return NAV_GROUPS.map((group) => ({
    ...group,
    entries: group.entries.filter((entry) => entry.roles === 'all' || entry.roles.includes(role)),
  })).filter((group) => group.entries.length > 0);
}

/**
 * The entry that marks the page shown: the one whose path is the longest prefix of the current path, so
 * `/ot/OT-2026-000123` marks "Ordres de travail", `/ot/mes` marks "Mes OT" (when the role has it) and `/` marks
 * only the dashboard.
 */
export function currentEntry(pathname: string, entries: readonly NavEntry[]): NavEntry | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  let best: NavEntry | null = null;
  for (const entry of entries) {
    const matches = entry.to === '/' ? path === '/' : path === entry.to || path.startsWith(`${entry.to}/`);
    if (matches && (best === null || entry.to.length > best.to.length)) best = entry;
  }
  return best;
}
