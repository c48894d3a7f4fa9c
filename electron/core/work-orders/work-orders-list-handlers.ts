// Pure (Node). `workOrders:list` and `workOrders:export` (every maintainer; the contract says so and the
// dispatcher enforces it). The filter is resolved here in plain code — the saved view, "me", the location's
// subtree, the day bounds — then the repository reads one keyset page. The export reads the same pages, 1,000 rows
// at a time, and tells the window that asked how far it got (`lists:progress`).
import {
  LIST_EXPORT_MAX_ROWS,
  LIST_PAGE_SIZE,
  OPEN_WORK_ORDER_STATUSES,
  type ListExport,
  type ListFilterOptions,
  type ListPage,
  type WorkOrderListRow,
  type WorkOrderStatusCode,
  type workOrdersListContract,
  type workOrdersFilterFields,
} from '../../../shared/work-orders/list-contract';
import type { z } from 'zod';
import type { HandlerMap } from '../kernel/ipc/handler-types';
import type { Kernel } from '../kernel/kernel';
import { decodeCursor, encodeCursor, locationSubtree, type Keyset } from '../kernel/db/keyset';
import { localDayEnd, localDayStart } from '../kernel/platform/local-day';
import { WorkOrdersListRepository, type WorkOrdersListQuery } from './work-orders-list-repository';
import { EXPORT_PAGE_SIZE, localStamp, writeListFile, type ExportColumn } from '../kernel/platform/list-file';

type FilterInput = z.output<z.ZodObject<typeof workOrdersFilterFields>>;

const DONE_OR_AFTER: readonly WorkOrderStatusCode[] = ['done', 'closed', 'cancelled'];

/** The filter in database terms, or null when it can match nothing (an unknown equipment code, a view and statuses that exclude each other). */
export async function resolveWorkOrdersQuery(repository: WorkOrdersListRepository, input: FilterInput, me: number, now: number): Promise<WorkOrdersListQuery | null> {
  const view = input.view ?? 'tous';
  const asked = input.status && input.status.length > 0 ? input.status : null;
  // A view narrows the statuses; statuses asked for as well narrow it further (both must hold).
  const viewStatuses: readonly WorkOrderStatusCode[] | null =
    view === 'a-planifier' ? ['draft'] : view === 'attente-pieces' ? ['on_hold'] : view === 'retard' ? OPEN_WORK_ORDER_STATUSES : null;
  let statuses: readonly WorkOrderStatusCode[] | null = viewStatuses
    ? asked
      ? viewStatuses.filter((s) => asked.includes(s))
      : viewStatuses
    : (asked ?? OPEN_WORK_ORDER_STATUSES);
  if (statuses.length === 0) return null;
  if (statuses.length === 7) statuses = null;
  if (view === 'retard' && statuses) statuses = statuses.filter((s) => !DONE_OR_AFTER.includes(s));

  let equipmentId: number | null = null;
  if (input.equipment) {
    equipmentId = await repository.equipmentIdByCode(input.equipment);
    if (equipmentId === null) return null;
  }
  const locationIds = input.locationId ? locationSubtree(await repository.locationLinks(), input.locationId) : null;
  const assigneeId = view === 'mes' ? me : input.assignee === 'me' ? me : (input.assignee ?? null);
  if (view === 'mes' && input.assignee !== undefined && input.assignee !== 'me' && input.assignee !== me) return null;

  return {
    statuses,
    types: input.type && input.type.length > 0 ? input.type : null,
    priorities: input.priority && input.priority.length > 0 ? input.priority : null,
    equipmentId,
    locationIds,
    assigneeId,
    holdReason: view === 'attente-pieces' ? 'parts' : null,
    dueBefore: view === 'retard' ? now : null,
    dateField: input.dateField ?? 'due',
    from: input.from ? localDayStart(input.from) : null,
    to: input.to ? localDayEnd(input.to) : null,
    text: input.text ? input.text : null,
    sort: input.sort ?? 'due',
    // Due dates soonest first (overdue on top); creation dates newest first; the rest ascending.
    direction: input.direction ?? (input.sort === 'created' ? 'desc' : 'asc'),
  };
}

const sortName = (query: WorkOrdersListQuery) => `wo:${query.sort}:${query.direction}`;

/** One page with what the table shows: assignees' and locations' names in one query each for the whole page. */
export async function readWorkOrdersPage(repository: WorkOrdersListRepository, query: WorkOrdersListQuery, after: Keyset | null, limit: number, now: number): Promise<ListPage<WorkOrderListRow>> {
  const { rows, more } = await repository.page(query, after, limit);
  const ids = rows.map((row) => row.id);
  const [equipment, assignees, locations] = await Promise.all([
    repository.equipmentNames(rows.map((row) => row.equipmentId)),
    repository.assigneeNames(ids),
    repository.locationNames(rows.map((row) => row.locationId).filter((id): id is number => id !== null)),
  ]);
  const last = rows.at(-1);
  return {
    rows: rows.map(({ sortKey: _key, locationId, equipmentId, ...row }) => ({
      ...row,
      equipmentCode: equipment.get(equipmentId)?.code ?? '',
      equipmentDesignation: equipment.get(equipmentId)?.designation ?? '',
      locationName: locationId === null ? null : (locations.get(locationId) ?? null),
      assignees: assignees.get(row.id) ?? [],
      overdue: row.dueAt !== null && row.dueAt < now && !DONE_OR_AFTER.includes(row.status),
    })),
    nextCursor: more && last ? encodeCursor(sortName(query), { value: last.sortKey, id: last.id }) : null,
  };
}

const LABELS = {
  fr: {
    headers: ['Numéro', 'Titre', 'Statut', 'Type', 'Priorité', 'Équipement', 'Désignation', 'Localisation', 'Intervenants', 'Échéance', 'En retard', 'Créé le'],
    status: { draft: 'Brouillon', planned: 'Planifié', in_progress: 'En cours', on_hold: 'En attente', done: 'Terminé', closed: 'Clôturé', cancelled: 'Annulé' },
    type: { corrective: 'Correctif', preventive: 'Préventif', improvement: 'Amélioration', safety: 'Sécurité', regulatory: 'Réglementaire' },
    yes: 'Oui',
    no: 'Non',
    sheet: 'Ordres de travail',
    file: 'ordres-de-travail',
  },
  en: {
    headers: ['Number', 'Title', 'Status', 'Type', 'Priority', 'Equipment', 'Designation', 'Location', 'Assignees', 'Due', 'Overdue', 'Created'],
    status: { draft: 'Draft', planned: 'Planned', in_progress: 'In progress', on_hold: 'On hold', done: 'Done', closed: 'Closed', cancelled: 'Cancelled' },
    type: { corrective: 'Corrective', preventive: 'Preventive', improvement: 'Improvement', safety: 'Safety', regulatory: 'Regulatory' },
    yes: 'Yes',
    no: 'No',
    sheet: 'Work orders',
    file: 'work-orders',
  },
} as const;

function exportColumns(language: 'fr' | 'en'): ExportColumn<WorkOrderListRow>[] {
  const l = LABELS[language];
  const [number, title, status, type, priority, equipment, designation, location, assignees, due, overdue, created] = l.headers;
  return [
    { header: number, width: 16, value: (r) => r.number },
    { header: title, width: 40, value: (r) => r.title },
    { header: status, width: 12, value: (r) => l.status[r.status] },
    { header: type, width: 14, value: (r) => l.type[r.type] },
    { header: priority, width: 9, value: (r) => r.priority },
    { header: equipment, width: 14, value: (r) => r.equipmentCode },
    { header: designation, width: 30, value: (r) => r.equipmentDesignation },
    { header: location, width: 20, value: (r) => r.locationName },
    { header: assignees, width: 30, value: (r) => r.assignees.join(', ') },
    { header: due, width: 17, value: (r) => r.dueAt, date: true },
    { header: overdue, width: 9, value: (r) => (r.overdue ? l.yes : l.no) },
    { header: created, width: 17, value: (r) => r.createdAt, date: true },
  ];
}

/** Depth-first, children by code, each with its depth (the select shows the tree by indentation). */
export function orderTree(tree: readonly { id: number; parentId: number | null; name: string; code: string }[]): ListFilterOptions['locations'] {
  const ids = new Set(tree.map((node) => node.id));
  const children = new Map<number | null, typeof tree>();
  for (const node of tree) {
    const parent = node.parentId !== null && ids.has(node.parentId) ? node.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), node]);
  }
  const result: ListFilterOptions['locations'] = [];
  const seen = new Set<number>();
  const visit = (parent: number | null, depth: number) => {
    for (const node of children.get(parent) ?? []) {
      if (seen.has(node.id)) continue;
      seen.add(node.id);
      result.push({ id: node.id, name: node.name, code: node.code, depth });
      visit(node.id, depth + 1);
    }
  };
  visit(null, 0);
  return result;
}

export function createWorkOrdersListHandlers(kernel: Kernel): HandlerMap<keyof typeof workOrdersListContract> {
  const repository = new WorkOrdersListRepository(kernel.database.kysely);
  return {
    'workOrders:listOptions': async () => {
      const [tree, assignees] = await Promise.all([repository.locationTree(), repository.assignableUsers()]);
      return { locations: orderTree(tree), assignees };
    },
    'workOrders:list': async ({ input: { cursor, ...filter }, session }) => {
      const now = kernel.clock.now();
      const query = await resolveWorkOrdersQuery(repository, filter, session.userId, now);
      if (!query) return { rows: [], nextCursor: null };
      return readWorkOrdersPage(repository, query, cursor ? decodeCursor(cursor, sortName(query)) : null, LIST_PAGE_SIZE, now);
    },
    'workOrders:export': async ({ input: { format, language, ...filter }, session }): Promise<ListExport> => {
      const now = kernel.clock.now();
      const lang = language ?? 'fr';
      const query = await resolveWorkOrdersQuery(repository, filter, session.userId, now);
      const total = query ? await repository.count(query, LIST_EXPORT_MAX_ROWS + 1) : 0;
      const totalRows = Math.min(total, LIST_EXPORT_MAX_ROWS);
      let exportedRows = 0;
      kernel.events.send(session.windowId, 'lists:progress', { list: 'work-orders', exportedRows, totalRows });
      async function* pages() {
        if (!query) return;
        let after: Keyset | null = null;
        while (exportedRows < LIST_EXPORT_MAX_ROWS) {
          const limit = Math.min(EXPORT_PAGE_SIZE, LIST_EXPORT_MAX_ROWS - exportedRows);
          const page = await readWorkOrdersPage(repository, query, after, limit, now);
          exportedRows += page.rows.length;
          kernel.events.send(session.windowId, 'lists:progress', { list: 'work-orders', exportedRows, totalRows });
          yield page.rows;
          if (!page.nextCursor) return;
          after = decodeCursor(page.nextCursor, sortName(query));
        }
      }
      const buffer = await writeListFile(format, LABELS[lang].sheet, exportColumns(lang), pages());
      return { fileName: `${LABELS[lang].file}-${localStamp(now)}.${format}`, base64: buffer.toString('base64'), rows: exportedRows, capped: total > LIST_EXPORT_MAX_ROWS };
    },
  };
}
