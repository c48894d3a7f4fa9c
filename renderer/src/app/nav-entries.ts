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
      { to: '/admin/postes', label: 'site.nav', roles: ADMIN },
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

/**
 * Rows (entries and group headings, each a 48 px target) the sidebar shows without scrolling on a 1280×800 shop
 * screen below the top bar. A role whose whole menu fits sees every group open (and may fold some, remembered for
 * the session); a longer menu (the administrator's is 29 rows since issue 14) shows one group at a time: the current
 * page's on arrival, or the one the person opened — its largest group and the headings always fit.
 */
export const SIDEBAR_ROW_BUDGET = 13;

/** Whether every group of this menu can stay open without the sidebar scrolling. */
export function menuFitsOpen(groups: readonly NavGroup[]): boolean {
  const rows = groups.reduce((sum, group) => sum + group.entries.length + (group.title ? 1 : 0), 0);
  return rows <= SIDEBAR_ROW_BUDGET;
}

/** The group holding an entry (the current page's), or null. */
export function groupOf(entry: NavEntry | null, groups: readonly NavGroup[]): NavGroupId | null {
  if (!entry) return null;
  return groups.find((group) => group.entries.includes(entry))?.id ?? null;
}

/** What the person did with the group headings: per group in a menu that fits; the one open group in a long one. */
export interface SidebarChoices {
  /** A menu that fits: groups the person folded (false) or opened again (true), for the session. */
  folded: Partial<Record<NavGroupId, boolean>>;
  /** A long menu: the group the person opened on this page (null: they folded it), undefined: the current page's. */
  single: NavGroupId | null | undefined;
}

/** Is this group shown open? A group without a heading (« À propos ») always is. */
export function isGroupOpen(group: NavGroup, state: { currentGroup: NavGroupId | null; fits: boolean; choices: SidebarChoices }): boolean {
  if (!group.title) return true;
  if (state.fits) return state.choices.folded[group.id] !== false;
  const single = state.choices.single === undefined ? state.currentGroup : state.choices.single;
  return group.id === single;
}

/** The choices after the person pressed a group's heading. */
export function toggleGroup(choices: SidebarChoices, group: NavGroupId, wasOpen: boolean, fits: boolean): SidebarChoices {
  if (fits) return { ...choices, folded: { ...choices.folded, [group]: wasOpen ? false : true } };
  return { ...choices, single: wasOpen ? null : group };
}
