// Renderer. The OT list's filter in the URL (`/ot?vue=retard&statut=planned,in_progress&q=vérin`), so a link to
// a view or a filtered list works and the back button steps through filters. Parsing is tolerant: a hand-edited
// or outdated link gives the nearest valid filter, never an error. Usable as the route's `validateSearch`.
import {
  WORK_ORDER_SORTS,
  WORK_ORDER_STATUS_CODES,
  WORK_ORDER_TYPE_CODES,
  WORK_ORDER_VIEWS,
  type SortDirection,
  type WorkOrderSort,
  type WorkOrderStatusCode,
  type WorkOrderTypeCode,
  type WorkOrderSavedView,
  type WorkOrdersListInput,
} from '../../../../shared/work-orders/list-contract';

export interface WorkOrdersSearch {
  vue?: WorkOrderSavedView;
  /** Comma-separated status codes. */
  statut?: string;
  type?: WorkOrderTypeCode;
  priorite?: number;
  lieu?: number;
  /** 'moi' or a user id. */
  intervenant?: string;
  equipement?: string;
  /** Which date du/au bound: 'echeance' (default) or 'creation'. */
  date?: 'echeance' | 'creation';
  du?: string;
  au?: string;
  q?: string;
  tri?: WorkOrderSort;
  ordre?: SortDirection;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '');
const positive = (value: unknown) => {
  const n = Number(text(value));
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
};
const oneOf = <T extends string>(values: readonly T[], value: unknown) => (values as readonly string[]).includes(text(value)) ? (text(value) as T) : undefined;

/** Whatever the URL holds → a valid search (unknown values dropped). */
export function parseWorkOrdersSearch(raw: Record<string, unknown>): WorkOrdersSearch {
  const statuses = text(raw.statut)
    .split(',')
    .filter((s): s is WorkOrderStatusCode => (WORK_ORDER_STATUS_CODES as readonly string[]).includes(s));
  const priority = positive(raw.priorite);
  const assignee = text(raw.intervenant);
  const search: WorkOrdersSearch = {
    vue: oneOf(WORK_ORDER_VIEWS, raw.vue),
    statut: statuses.length > 0 ? statuses.join(',') : undefined,
    type: oneOf(WORK_ORDER_TYPE_CODES, raw.type),
    priorite: priority !== undefined && priority <= 4 ? priority : undefined,
    lieu: positive(raw.lieu),
    intervenant: assignee === 'moi' || positive(assignee) ? assignee : undefined,
    equipement: text(raw.equipement).slice(0, 64) || undefined,
    date: oneOf(['echeance', 'creation'] as const, raw.date),
    du: DAY.test(text(raw.du)) ? text(raw.du) : undefined,
    au: DAY.test(text(raw.au)) ? text(raw.au) : undefined,
    q: text(raw.q).slice(0, 100) || undefined,
    tri: oneOf(WORK_ORDER_SORTS, raw.tri),
    ordre: oneOf(['asc', 'desc'] as const, raw.ordre),
  };
  // Keep the URL short: no empty keys.
  return Object.fromEntries(Object.entries(search).filter(([, value]) => value !== undefined)) as WorkOrdersSearch;
}

export function defaultDirection(sort: WorkOrderSort): SortDirection {
  return sort === 'created' ? 'desc' : 'asc';
}

/** The channel's filter for a search (the list and the export send the same). */
export function toWorkOrdersFilter(search: WorkOrdersSearch): Omit<WorkOrdersListInput, 'cursor'> {
  const sort = search.tri ?? 'due';
  const from = search.du;
  const to = search.au;
  const reversed = from !== undefined && to !== undefined && from > to;
  return {
    view: search.vue ?? 'tous',
    status: search.statut ? (search.statut.split(',') as WorkOrderStatusCode[]) : undefined,
    type: search.type ? [search.type] : undefined,
    priority: search.priorite ? [search.priorite] : undefined,
    locationId: search.lieu,
    assignee: search.intervenant === 'moi' ? 'me' : search.intervenant ? Number(search.intervenant) : undefined,
    equipment: search.equipement,
    dateField: search.date === 'creation' ? 'created' : 'due',
    // A reversed range is shown as an error on the form and not sent.
    from: reversed ? undefined : from,
    to: reversed ? undefined : to,
    text: search.q,
    sort,
    direction: search.ordre ?? defaultDirection(sort),
  };
}
