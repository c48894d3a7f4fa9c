// Node (tests). `requests:list` and `requests:export` through the real dispatcher on the engine of this pass:
// each filter, each sort both ways walked by keyset page, "machine à l'arrêt" on the rows, the export read back,
// and who may call (managers triage, technicians read, requesters are refused: they have "Mes demandes").
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcResult, ListPage, RequestListRow, RequestSort, RequestsListInput } from '../../../shared/contract';
import { createTestCore, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import { insertOrders, insertRequests, makePlant, signInEveryone, WINDOWS, type Plant, type RequestSpec } from '../../../tests/support/list-fixtures';

let core: TestCore;
let plant: Plant;
const DAY = 86_400_000;
let now: number;

beforeEach(async () => {
  core = await createTestCore();
  now = core.clock.now();
  const users = await signInEveryone(core);
  plant = { ...(await makePlant(core.database.kysely)), users };
});
afterEach(async () => {
  await core.dispose();
});

function data<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new Error(`Expected ok, got ${JSON.stringify(result.error)}`);
  return result.data;
}

async function list(input: RequestsListInput = {}, window: string = WINDOWS.manager): Promise<ListPage<RequestListRow>> {
  return data(await core.call(window, 'requests:list', input));
}

const numbers = (rows: readonly { number: string }[]) => rows.map((row) => row.number);
const onPress = (spec: Partial<RequestSpec> = {}): RequestSpec => ({ equipmentId: plant.press, equipmentCode: 'PR-001', locationId: plant.line1, ...spec });

describe(`DI list on ${TEST_ENGINE}`, () => {
  it('lists newest first with what the triage needs: machine stopped, reporter, the OT it became', async () => {
    const [order] = await insertOrders(core.database.kysely, [{ equipmentId: plant.press, locationId: plant.line1, number: 'OT-2026-000042' }]);
    await insertRequests(core.database.kysely, [
      onPress({ number: 'DI-2026-000001', createdAt: now - 2 * DAY, reporterName: 'Jean (équipe de nuit)' }),
      onPress({ number: 'DI-2026-000002', createdAt: now - DAY, machineStopped: true, reporterUserId: plant.users.requester, status: 'accepted', workOrderId: order.id }),
      { equipmentId: plant.oven, equipmentCode: 'FO-003', locationId: null, number: 'DI-2026-000003', createdAt: now, symptom: 'Température instable' },
    ]);
    const page = await list();
    expect(numbers(page.rows)).toEqual(['DI-2026-000003', 'DI-2026-000002', 'DI-2026-000001']);
    expect(page.rows[0]).toMatchObject({ symptom: 'Température instable', status: 'new', machineStopped: false, equipmentCode: 'FO-003', equipmentDesignation: 'Four de séchage', locationName: null, reporter: null, workOrderNumber: null, createdAt: now });
    expect(page.rows[1]).toMatchObject({ machineStopped: true, reporter: 'Paul Demandeur', workOrderNumber: 'OT-2026-000042', locationName: 'Ligne 1', status: 'accepted' });
    expect(page.rows[2].reporter).toBe('Jean (équipe de nuit)');
  });

  it('filters by status, equipment, location subtree, machine stopped, creation day and text', async () => {
    await insertRequests(core.database.kysely, [
      onPress({ number: 'DI-2026-000001', status: 'new', machineStopped: true, symptom: 'Fuite d’huile au vérin', createdAt: new Date(2026, 0, 10, 9).getTime() }),
      onPress({ number: 'DI-2026-000002', status: 'refused', createdAt: new Date(2026, 0, 12, 23, 59).getTime() }),
      { equipmentId: plant.compressor, equipmentCode: 'CMP-002', locationId: plant.zone2, number: 'DI-2026-000003', status: 'new', createdAt: new Date(2026, 0, 13, 0, 0).getTime() },
    ]);
    const sorted = { sort: 'created' as const, direction: 'asc' as const };
    expect(numbers((await list({ ...sorted, status: ['new'] })).rows)).toEqual(['DI-2026-000001', 'DI-2026-000003']);
    expect(numbers((await list({ ...sorted, equipment: 'pr-001' })).rows)).toEqual(['DI-2026-000001', 'DI-2026-000002']);
    expect((await list({ equipment: 'XX' })).rows).toEqual([]);
    expect(numbers((await list({ ...sorted, locationId: plant.zone1 })).rows)).toEqual(['DI-2026-000001', 'DI-2026-000002']);
    expect(numbers((await list({ ...sorted, locationId: plant.site })).rows)).toHaveLength(3);
    expect(numbers((await list({ ...sorted, machineStopped: true })).rows)).toEqual(['DI-2026-000001']);
    expect(numbers((await list({ ...sorted, from: '2026-01-11', to: '2026-01-12' })).rows)).toEqual(['DI-2026-000002']);
    expect(numbers((await list({ ...sorted, text: 'VERIN' })).rows)).toEqual(['DI-2026-000001']);
    expect(numbers((await list({ ...sorted, text: 'cmp-002' })).rows)).toEqual(['DI-2026-000003']);
  });

  it('walks each sort both ways by keyset page, ties broken by id, none twice', async () => {
    const statuses = ['new', 'accepted', 'refused', 'duplicate', 'cancelled'] as const;
    const specs: RequestSpec[] = Array.from({ length: 120 }, (_, i) => ({
      ...(i % 2 === 0 ? onPress() : { equipmentId: plant.compressor, equipmentCode: 'CMP-002', locationId: plant.zone2 }),
      status: statuses[i % 5],
      createdAt: now - (i % 6) * DAY,
    }));
    const made = (await insertRequests(core.database.kysely, specs)).map((m, i) => ({ ...m, spec: specs[i] }));
    const rank = ['new', 'accepted', 'duplicate', 'refused', 'cancelled'];
    const keyOf = (sort: RequestSort, r: (typeof made)[number]) =>
      sort === 'created' ? (r.spec.createdAt ?? 0) : sort === 'status' ? rank.indexOf(r.spec.status ?? 'new') : (r.spec.equipmentCode ?? '');
    for (const sort of ['created', 'status', 'equipment'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const sign = direction === 'asc' ? 1 : -1;
        const expected = [...made].sort((a, b) => {
          const ka = keyOf(sort, a);
          const kb = keyOf(sort, b);
          return ka !== kb ? sign * (ka < kb ? -1 : 1) : sign * (a.id - b.id);
        });
        const rows: RequestListRow[] = [];
        let cursor: string | undefined;
        do {
          const page = await list({ sort, direction, cursor });
          rows.push(...page.rows);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(numbers(rows), `${sort} ${direction}`).toEqual(numbers(expected));
      }
    }
  });

  it('lets technicians read it and refuses requesters the list and the export', async () => {
    await insertRequests(core.database.kysely, [onPress()]);
    expect((await list({}, WINDOWS.lucas)).rows).toHaveLength(1);
    expect(await core.call(WINDOWS.requester, 'requests:list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call(WINDOWS.requester, 'requests:export', { format: 'xlsx' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('exports the filtered list to .xlsx and CSV with French headers', async () => {
    await insertRequests(core.database.kysely, [onPress({ number: 'DI-2026-000001', machineStopped: true, symptom: 'Bruit' }), onPress({ number: 'DI-2026-000002', status: 'cancelled' })]);
    const xlsx = data(await core.call(WINDOWS.manager, 'requests:export', { format: 'xlsx', status: ['new'] }));
    expect(xlsx).toMatchObject({ rows: 1, capped: false });
    expect(xlsx.fileName).toMatch(/^demandes-intervention-.*\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, 'Numéro', 'Symptôme', 'Statut', "Machine à l'arrêt", 'Équipement', 'Désignation', 'Localisation', 'Demandeur', 'OT', 'Créée le']);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 6)).toEqual(['DI-2026-000001', 'Bruit', 'Nouvelle', 'Oui', 'PR-001']);
    expect(sheet.rowCount).toBe(2);
    const csv = Buffer.from(data(await core.call(WINDOWS.manager, 'requests:export', { format: 'csv' })).base64, 'base64').toString('utf8');
    expect(csv.startsWith('\uFEFFNuméro;Symptôme;Statut;Machine à l\'arrêt;')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(4);
    expect(core.events.filter((e) => e.event === 'lists:progress').at(-1)?.payload).toEqual({ list: 'requests', exportedRows: 2, totalRows: 2 });
  });
});
