// Pure (Node). `requests:list` and `requests:export`: the managers' triage list, read by technicians too (the
// contract lets every maintainer in; nothing here writes). Same keyset pages and export as the OT list.
import type { z } from 'zod';
import { LIST_EXPORT_MAX_ROWS, LIST_PAGE_SIZE, type ListExport, type ListPage } from '../../../shared/work-orders/list-contract';
import type { RequestListRow, requestsFilterFields, requestsListContract } from '../../../shared/requests/list-contract';
import type { HandlerMap } from '../kernel/ipc/handler-types';
import type { Kernel } from '../kernel/kernel';
import { decodeCursor, encodeCursor, locationSubtree, type Keyset } from '../kernel/db/keyset';
import { localDayEnd, localDayStart } from '../kernel/platform/local-day';
import { EXPORT_PAGE_SIZE, localStamp, writeListFile, type ExportColumn } from '../kernel/platform/list-file';
import { RequestsListRepository, type RequestsListQuery } from './requests-list-repository';

type FilterInput = z.output<z.ZodObject<typeof requestsFilterFields>>;

export async function resolveRequestsQuery(places: RequestsListRepository, input: FilterInput): Promise<RequestsListQuery | null> {
  let equipmentId: number | null = null;
  if (input.equipment) {
    equipmentId = await places.equipmentIdByCode(input.equipment);
    if (equipmentId === null) return null;
  }
  return {
    statuses: input.status && input.status.length > 0 && input.status.length < 5 ? input.status : null,
    equipmentId,
    locationIds: input.locationId ? locationSubtree(await places.locationLinks(), input.locationId) : null,
    machineStopped: input.machineStopped ?? null,
    from: input.from ? localDayStart(input.from) : null,
    to: input.to ? localDayEnd(input.to) : null,
    text: input.text ? input.text : null,
    sort: input.sort ?? 'created',
    // Newest first by default; status and equipment ascending.
    direction: input.direction ?? ((input.sort ?? 'created') === 'created' ? 'desc' : 'asc'),
  };
}

const sortName = (query: RequestsListQuery) => `di:${query.sort}:${query.direction}`;

export async function readRequestsPage(
  repository: RequestsListRepository,
  places: RequestsListRepository,
  query: RequestsListQuery,
  after: Keyset | null,
  limit: number,
): Promise<ListPage<RequestListRow>> {
  const { rows, more } = await repository.page(query, after, limit);
  const [equipment, locations, users, orders] = await Promise.all([
    places.equipmentNames(rows.map((r) => r.equipmentId)),
    places.locationNames(rows.map((r) => r.locationId).filter((id): id is number => id !== null)),
    repository.userNames(rows.map((r) => r.reporterUserId).filter((id): id is number => id !== null)),
    repository.workOrderNumbers(rows.map((r) => r.workOrderId).filter((id): id is number => id !== null)),
  ]);
  const last = rows.at(-1);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      number: r.number,
      symptom: r.symptom,
      status: r.status,
      machineStopped: r.machineStopped,
      equipmentCode: equipment.get(r.equipmentId)?.code ?? '',
      equipmentDesignation: equipment.get(r.equipmentId)?.designation ?? '',
      locationName: r.locationId === null ? null : (locations.get(r.locationId) ?? null),
      reporter: (r.reporterUserId !== null ? users.get(r.reporterUserId) : undefined) ?? r.reporterName,
      workOrderNumber: r.workOrderId === null ? null : (orders.get(r.workOrderId) ?? null),
      createdAt: r.createdAt,
    })),
    nextCursor: more && last ? encodeCursor(sortName(query), { value: last.sortKey, id: last.id }) : null,
  };
}

const LABELS = {
  fr: {
    headers: ['Numéro', 'Symptôme', 'Statut', "Machine à l'arrêt", 'Équipement', 'Désignation', 'Localisation', 'Demandeur', 'OT', 'Créée le'],
    status: { new: 'Nouvelle', accepted: 'Acceptée', refused: 'Refusée', duplicate: 'Doublon', cancelled: 'Annulée' },
    yes: 'Oui',
    no: 'Non',
    sheet: "Demandes d'intervention",
    file: 'demandes-intervention',
  },
  en: {
    headers: ['Number', 'Symptom', 'Status', 'Machine stopped', 'Equipment', 'Designation', 'Location', 'Reporter', 'Work order', 'Created'],
    status: { new: 'New', accepted: 'Accepted', refused: 'Refused', duplicate: 'Duplicate', cancelled: 'Cancelled' },
    yes: 'Yes',
    no: 'No',
    sheet: 'Work requests',
    file: 'work-requests',
  },
} as const;

function exportColumns(language: 'fr' | 'en'): ExportColumn<RequestListRow>[] {
  const l = LABELS[language];
  const [number, symptom, status, stopped, equipment, designation, location, reporter, order, created] = l.headers;
  return [
    { header: number, width: 16, value: (r) => r.number },
    { header: symptom, width: 50, value: (r) => r.symptom },
    { header: status, width: 12, value: (r) => l.status[r.status] },
    { header: stopped, width: 10, value: (r) => (r.machineStopped ? l.yes : l.no) },
    { header: equipment, width: 14, value: (r) => r.equipmentCode },
    { header: designation, width: 30, value: (r) => r.equipmentDesignation },
    { header: location, width: 20, value: (r) => r.locationName },
    { header: reporter, width: 24, value: (r) => r.reporter },
    { header: order, width: 16, value: (r) => r.workOrderNumber },
    { header: created, width: 17, value: (r) => r.createdAt, date: true },
  ];
}

export function createRequestsListHandlers(kernel: Kernel): HandlerMap<keyof typeof requestsListContract> {
  const repository = new RequestsListRepository(kernel.database.kysely);
  const places = repository;
  return {
    'requests:list': async ({ input: { cursor, ...filter } }) => {
      const query = await resolveRequestsQuery(places, filter);
      if (!query) return { rows: [], nextCursor: null };
      return readRequestsPage(repository, places, query, cursor ? decodeCursor(cursor, sortName(query)) : null, LIST_PAGE_SIZE);
    },
    'requests:export': async ({ input: { format, language, ...filter }, session }): Promise<ListExport> => {
      const lang = language ?? 'fr';
      const query = await resolveRequestsQuery(places, filter);
      const total = query ? await repository.count(query, LIST_EXPORT_MAX_ROWS + 1) : 0;
      const totalRows = Math.min(total, LIST_EXPORT_MAX_ROWS);
      let exportedRows = 0;
      kernel.events.send(session.windowId, 'lists:progress', { list: 'requests', exportedRows, totalRows });
      async function* pages() {
        if (!query) return;
        let after: Keyset | null = null;
        while (exportedRows < LIST_EXPORT_MAX_ROWS) {
          const page = await readRequestsPage(repository, places, query, after, Math.min(EXPORT_PAGE_SIZE, LIST_EXPORT_MAX_ROWS - exportedRows));
          exportedRows += page.rows.length;
          kernel.events.send(session.windowId, 'lists:progress', { list: 'requests', exportedRows, totalRows });
          yield page.rows;
          if (!page.nextCursor) return;
          after = decodeCursor(page.nextCursor, sortName(query));
        }
      }
      const buffer = await writeListFile(format, LABELS[lang].sheet, exportColumns(lang), pages());
      return { fileName: `${LABELS[lang].file}-${localStamp(kernel.clock.now())}.${format}`, base64: buffer.toString('base64'), rows: exportedRows, capped: total > LIST_EXPORT_MAX_ROWS };
    },
  };
}
