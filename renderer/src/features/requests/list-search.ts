// Renderer. The DI list's filter in the URL (`/demandes?vue=arret&lieu=3`): tolerant parsing, usable as the
// route's `validateSearch`; views: "à trier" (nouvelles), "machine à l'arrêt", "toutes".
import { REQUEST_SORTS, REQUEST_STATUS_CODES, type RequestSort, type RequestStatusCode, type RequestsListInput } from '../../../../shared/requests/list-contract';
import type { SortDirection } from '../../../../shared/work-orders/list-contract';

export interface RequestsSearch {
  vue?: 'a-trier' | 'arret' | 'toutes';
  statut?: string;
  lieu?: number;
  equipement?: string;
  du?: string;
  au?: string;
  q?: string;
  tri?: RequestSort;
  ordre?: SortDirection;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '');

export function parseRequestsSearch(raw: Record<string, unknown>): RequestsSearch {
  const vue = text(raw.vue);
  const statuses = text(raw.statut)
    .split(',')
    .filter((s): s is RequestStatusCode => (REQUEST_STATUS_CODES as readonly string[]).includes(s));
  const lieu = Number(text(raw.lieu));
  const search: RequestsSearch = {
    vue: vue === 'a-trier' || vue === 'arret' || vue === 'toutes' ? vue : undefined,
    statut: statuses.length > 0 ? statuses.join(',') : undefined,
    lieu: Number.isSafeInteger(lieu) && lieu > 0 ? lieu : undefined,
    equipement: text(raw.equipement).slice(0, 64) || undefined,
    du: DAY.test(text(raw.du)) ? text(raw.du) : undefined,
    au: DAY.test(text(raw.au)) ? text(raw.au) : undefined,
    q: text(raw.q).slice(0, 100) || undefined,
    tri: (REQUEST_SORTS as readonly string[]).includes(text(raw.tri)) ? (text(raw.tri) as RequestSort) : undefined,
    ordre: text(raw.ordre) === 'asc' || text(raw.ordre) === 'desc' ? (text(raw.ordre) as SortDirection) : undefined,
  };
  return Object.fromEntries(Object.entries(search).filter(([, value]) => value !== undefined)) as RequestsSearch;
}

export function toRequestsFilter(search: RequestsSearch): Omit<RequestsListInput, 'cursor'> {
  const view = search.vue ?? 'a-trier';
  const sort = search.tri ?? 'created';
  const reversed = search.du !== undefined && search.au !== undefined && search.du > search.au;
  return {
    // "À trier" is the new ones; the other views take the status chips.
    status: view === 'a-trier' ? ['new'] : search.statut ? (search.statut.split(',') as RequestStatusCode[]) : undefined,
    machineStopped: view === 'arret' ? true : undefined,
    locationId: search.lieu,
    equipment: search.equipement,
    from: reversed ? undefined : search.du,
    to: reversed ? undefined : search.au,
    text: search.q,
    sort,
    direction: search.ordre ?? (sort === 'created' ? 'desc' : 'asc'),
  };
}
