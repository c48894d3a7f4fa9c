// Node (tests). `workOrders:list` and `workOrders:export` through the real dispatcher, on the engine of this pass:
// every filter, the saved views, each sort in both directions walked page by page, the keyset's edge cases (ties,
// empty due dates, a row inserted between two pages), the export read back with exceljs, and who may call.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelInput, IpcResult, ListExport, ListPage, WorkOrderListRow, WorkOrdersListInput, WorkOrderSort } from '../../../shared/contract';
import { createTestCore, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import { insertOrders, makePlant, signInEveryone, WINDOWS, type OrderSpec, type Plant } from '../../../tests/support/list-fixtures';
import { localDayEnd, localDayStart } from '../kernel/platform/local-day';

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

async function list(input: WorkOrdersListInput = {}, window: string = WINDOWS.manager): Promise<ListPage<WorkOrderListRow>> {
  return data(await core.call(window, 'workOrders:list', input));
}

/** Every row of the list, page after page through the cursors. */
async function walk(input: WorkOrdersListInput = {}, window: string = WINDOWS.manager): Promise<{ rows: WorkOrderListRow[]; pages: number }> {
  const rows: WorkOrderListRow[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await list({ ...input, cursor }, window);
    pages += 1;
    expect(page.rows.length).toBeLessThanOrEqual(50);
    rows.push(...page.rows);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { rows, pages };
}

const numbers = (rows: readonly { number: string }[]) => rows.map((row) => row.number);

const press = (spec: Partial<OrderSpec> = {}): OrderSpec => ({ equipmentId: plant.press, locationId: plant.line1, ...spec });

describe(`OT list filters on ${TEST_ENGINE}`, () => {
  it('shows the open OTs by default, with what the table needs', async () => {
    await insertOrders(core.database.kysely, [
      press({ number: 'OT-2026-000001', status: 'draft', title: 'Fuite vérin', dueAt: now - DAY, assignees: [plant.users.lucas, plant.users.emma] }),
      press({ number: 'OT-2026-000002', status: 'in_progress', dueAt: now + DAY }),
      press({ number: 'OT-2026-000003', status: 'done' }),
      press({ number: 'OT-2026-000004', status: 'closed' }),
      press({ number: 'OT-2026-000005', status: 'cancelled' }),
      { equipmentId: plant.oven, locationId: null, number: 'OT-2026-000006', status: 'on_hold', holdReason: 'parts' },
    ]);
    const page = await list();
    expect(numbers(page.rows)).toEqual(['OT-2026-000001', 'OT-2026-000002', 'OT-2026-000006']);
    expect(page.nextCursor).toBeNull();
    expect(page.rows[0]).toMatchObject({
      title: 'Fuite vérin',
      status: 'draft',
      type: 'corrective',
      priority: 3,
      equipmentCode: 'PR-001',
      equipmentDesignation: 'Presse à injecter 1',
      locationName: 'Ligne 1',
      assignees: ['Emma Bernard', 'Lucas Martin'],
      dueAt: now - DAY,
      overdue: true,
    });
    expect(page.rows[1].overdue).toBe(false);
    expect(page.rows[2]).toMatchObject({ locationName: null, assignees: [], dueAt: null, overdue: false, holdReason: 'parts' });
    expect(numbers((await list({ status: ['done', 'closed'] })).rows)).toEqual(['OT-2026-000003', 'OT-2026-000004']);
  });

  it('filters by type, priority, equipment code (any case) and the location subtree', async () => {
    await insertOrders(core.database.kysely, [
      press({ number: 'OT-2026-000001', type: 'safety', priority: 1 }),
      press({ number: 'OT-2026-000002', type: 'improvement', priority: 2 }),
      { equipmentId: plant.compressor, locationId: plant.zone2, number: 'OT-2026-000003', priority: 1 },
      { equipmentId: plant.oven, locationId: null, number: 'OT-2026-000004', priority: 4 },
    ]);
    expect(numbers((await list({ type: ['safety', 'improvement'] })).rows)).toEqual(['OT-2026-000001', 'OT-2026-000002']);
    expect(numbers((await list({ priority: [1] })).rows)).toEqual(['OT-2026-000001', 'OT-2026-000003']);
    expect(numbers((await list({ equipment: 'cmp-002' })).rows)).toEqual(['OT-2026-000003']);
    expect((await list({ equipment: 'NOPE-404' })).rows).toEqual([]);
    expect(numbers((await list({ locationId: plant.site })).rows)).toEqual(['OT-2026-000001', 'OT-2026-000002', 'OT-2026-000003']);
    expect(numbers((await list({ locationId: plant.zone1 })).rows)).toEqual(['OT-2026-000001', 'OT-2026-000002']);
    expect(numbers((await list({ locationId: plant.zone2 })).rows)).toEqual(['OT-2026-000003']);
  });

  it('filters by assignee (an id or "me"), by due or creation day, and by text without accents or case', async () => {
    const today = new Date(now);
    const day = (offset: number) => {
      const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() + offset);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    await insertOrders(core.database.kysely, [
      press({ number: 'OT-2026-000001', assignees: [plant.users.lucas], dueAt: localDayStart(day(2)) + 3_600_000, createdAt: localDayStart(day(-10)), title: 'Remplacer le VÉRIN' }),
      press({ number: 'OT-2026-000002', assignees: [plant.users.emma], dueAt: localDayEnd(day(3)) - 1, createdAt: localDayStart(day(-1)), description: 'Pompe à vide' }),
      press({ number: 'OT-2026-000003', dueAt: localDayEnd(day(3)), createdAt: localDayStart(day(-1)) }),
    ]);
    expect(numbers((await list({ assignee: plant.users.emma })).rows)).toEqual(['OT-2026-000002']);
    expect(numbers((await list({ assignee: 'me' }, WINDOWS.lucas)).rows)).toEqual(['OT-2026-000001']);
    expect(numbers((await list({ from: day(2), to: day(3) })).rows)).toEqual(['OT-2026-000001', 'OT-2026-000002']);
    expect(numbers((await list({ dateField: 'created', from: day(-1), to: day(-1) })).rows)).toEqual(['OT-2026-000002', 'OT-2026-000003']);
    expect(numbers((await list({ text: 'verin' })).rows)).toEqual(['OT-2026-000001']);
    expect(numbers((await list({ text: 'POMPE A VIDE' })).rows)).toEqual(['OT-2026-000002']);
    expect(numbers((await list({ text: '2026-000003' })).rows)).toEqual(['OT-2026-000003']);
    expect(numbers((await list({ text: '%' })).rows)).toEqual([]);
    const reversed = await core.call(WINDOWS.manager, 'workOrders:list', { from: day(3), to: day(2) });
    expect(reversed).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});

describe(`OT saved views on ${TEST_ENGINE}`, () => {
  it('"mes": a technician sees the open OTs assigned to them, overdue first, then today, then later, undated last', async () => {
    await insertOrders(core.database.kysely, [
      press({ number: 'OT-2026-000001', assignees: [plant.users.lucas], dueAt: now + 5 * DAY }),
      press({ number: 'OT-2026-000002', assignees: [plant.users.lucas], dueAt: null }),
      press({ number: 'OT-2026-000003', assignees: [plant.users.lucas], dueAt: now - 2 * DAY }),
      press({ number: 'OT-2026-000004', assignees: [plant.users.lucas], dueAt: now + 3_600_000 }),
      press({ number: 'OT-2026-000005', assignees: [plant.users.lucas], dueAt: now - DAY, status: 'done' }),
      press({ number: 'OT-2026-000006', assignees: [plant.users.emma], dueAt: now - DAY }),
      press({ number: 'OT-2026-000007', assignees: [plant.users.emma, plant.users.lucas], dueAt: now, status: 'on_hold' }),
    ]);
    const mine = await list({ view: 'mes' }, WINDOWS.lucas);
    expect(numbers(mine.rows)).toEqual(['OT-2026-000003', 'OT-2026-000007', 'OT-2026-000004', 'OT-2026-000001', 'OT-2026-000002']);
    expect(mine.rows.map((r) => r.overdue)).toEqual([true, false, false, false, false]);
    // "Mes OT" of someone else is not a thing: the view is always the caller's.
    expect(numbers((await list({ view: 'mes' }, WINDOWS.emma)).rows)).toEqual(['OT-2026-000006', 'OT-2026-000007']);
    expect((await list({ view: 'mes', assignee: plant.users.emma }, WINDOWS.lucas)).rows).toEqual([]);
  });

  it('"à planifier", "en retard" and "en attente de pièces"', async () => {
    await insertOrders(core.database.kysely, [
      press({ number: 'OT-2026-000001', status: 'draft' }),
      press({ number: 'OT-2026-000002', status: 'planned', dueAt: now - 1 }),
      press({ number: 'OT-2026-000003', status: 'done', dueAt: now - DAY }),
      press({ number: 'OT-2026-000004', status: 'in_progress', dueAt: now }),
      press({ number: 'OT-2026-000005', status: 'on_hold', holdReason: 'parts', dueAt: now - DAY }),
      press({ number: 'OT-2026-000006', status: 'on_hold', holdReason: 'production' }),
      press({ number: 'OT-2026-000007', status: 'closed', dueAt: now - DAY }),
    ]);
    expect(numbers((await list({ view: 'a-planifier' })).rows)).toEqual(['OT-2026-000001']);
    expect(numbers((await list({ view: 'retard' })).rows)).toEqual(['OT-2026-000005', 'OT-2026-000002']);
    expect(numbers((await list({ view: 'attente-pieces' })).rows)).toEqual(['OT-2026-000005']);
    // A view and the status chips both apply.
    expect((await list({ view: 'a-planifier', status: ['planned'] })).rows).toEqual([]);
    expect(numbers((await list({ view: 'retard', status: ['planned', 'done'] })).rows)).toEqual(['OT-2026-000002']);
  });
});

describe(`OT list sort and keyset on ${TEST_ENGINE}`, () => {
  const STATUS_ORDER = ['draft', 'planned', 'in_progress', 'on_hold', 'done', 'closed', 'cancelled'];

  it('walks every sort in both directions page by page: each row once, in order, ties broken by id', async () => {
    const statuses = ['draft', 'planned', 'in_progress', 'on_hold'] as const;
    const equipment = [
      { equipmentId: plant.press, locationId: plant.line1 },
      { equipmentId: plant.compressor, locationId: plant.zone2 },
      { equipmentId: plant.oven, locationId: null },
    ];
    // 130 rows: 3 pages; few distinct values so every sort has long runs of ties, and a third without due date.
    const specs: OrderSpec[] = Array.from({ length: 130 }, (_, i) => ({
      ...equipment[i % 3],
      number: `OT-2026-${String(1000 - i).padStart(6, '0')}`,
      status: statuses[i % 4],
      priority: (i % 4) + 1,
      dueAt: i % 3 === 0 ? null : now + (i % 5) * DAY,
      createdAt: now - (i % 7) * DAY,
    }));
    const made = await insertOrders(core.database.kysely, specs);
    const all = made.map((m, i) => ({ ...m, spec: specs[i] }));
    const codes: Record<number, string> = { [plant.press]: 'PR-001', [plant.compressor]: 'CMP-002', [plant.oven]: 'FO-003' };
    const keyOf = (sort: WorkOrderSort, row: (typeof all)[number]): number | string | null => {
      const s = row.spec;
      if (sort === 'due') return s.dueAt ?? null;
      if (sort === 'priority') return s.priority ?? 3;
      if (sort === 'number') return row.number;
      if (sort === 'created') return s.createdAt ?? 0;
      if (sort === 'status') return STATUS_ORDER.indexOf(s.status ?? 'planned');
      return codes[s.equipmentId];
    };
    for (const sort of ['due', 'priority', 'number', 'created', 'status', 'equipment'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const sign = direction === 'asc' ? 1 : -1;
        const expected = [...all]
          .sort((a, b) => {
            const ka = keyOf(sort, a);
            const kb = keyOf(sort, b);
            if (ka === null || kb === null) return ka === kb ? sign * (a.id - b.id) : ka === null ? 1 : -1; // empty due dates last, both ways
            if (ka !== kb) return sign * (ka < kb ? -1 : 1);
            return sign * (a.id - b.id);
          })
          .map((r) => r.number);
        const { rows, pages } = await walk({ sort, direction });
        expect(pages, `${sort} ${direction}`).toBe(3);
        expect(numbers(rows), `${sort} ${direction}`).toEqual(expected);
      }
    }
  });

  it('keeps its place when rows are added between two pages: none twice, none missed', async () => {
    const tie = now + DAY;
    await insertOrders(core.database.kysely, [
      ...Array.from({ length: 60 }, () => press({ dueAt: tie })),
      ...Array.from({ length: 45 }, () => press({ dueAt: null })),
    ]);
    const first = await list();
    expect(first.rows).toHaveLength(50);
    // One row before the cursor (the person has scrolled past its place) and one after it, in the tie and in the NULLs.
    const before = await insertOrders(core.database.kysely, [press({ dueAt: now })]);
    const later = await insertOrders(core.database.kysely, [press({ dueAt: tie }), press({ dueAt: null })]);
    const second = await list({ cursor: first.nextCursor ?? undefined });
    const third = await list({ cursor: second.nextCursor ?? undefined });
    expect(third.nextCursor).toBeNull();
    const seen = [...first.rows, ...second.rows, ...third.rows].map((r) => r.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(107);
    expect(seen).not.toContain(before[0].id);
    expect(seen).toEqual(expect.arrayContaining(later.map((r) => r.id)));
    // The 60 tied rows come before the 46 undated ones, each group by id.
    const dated = [...first.rows, ...second.rows, ...third.rows].filter((r) => r.dueAt !== null).map((r) => r.id);
    expect(dated).toEqual([...dated].sort((a, b) => a - b));
  });

  it('crosses from the dated rows to the undated ones exactly at a page boundary', async () => {
    await insertOrders(core.database.kysely, [...Array.from({ length: 50 }, (_, i) => press({ dueAt: now + i })), ...Array.from({ length: 3 }, () => press({ dueAt: null }))]);
    for (const direction of ['asc', 'desc'] as const) {
      const first = await list({ direction });
      expect(first.rows.every((r) => r.dueAt !== null)).toBe(true);
      expect(first.nextCursor).not.toBeNull();
      const second = await list({ direction, cursor: first.nextCursor ?? undefined });
      expect(second.rows.map((r) => r.dueAt)).toEqual([null, null, null]);
      expect(second.nextCursor).toBeNull();
    }
  });

  it('refuses a cursor it did not make, or one made for another sort', async () => {
    await insertOrders(core.database.kysely, Array.from({ length: 55 }, () => press()));
    const first = await list({ sort: 'number' });
    expect(await core.call(WINDOWS.manager, 'workOrders:list', { sort: 'priority', cursor: first.nextCursor ?? undefined })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await core.call(WINDOWS.manager, 'workOrders:list', { cursor: 'bm90LWpzb24' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await core.call(WINDOWS.manager, 'workOrders:list', { cursor: 'a b' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});

describe(`OT list filter choices on ${TEST_ENGINE}`, () => {
  it('gives the location tree in order with depths, and the people who can be assigned', async () => {
    const options = data(await core.call(WINDOWS.lucas, 'workOrders:listOptions'));
    expect(options.locations.map((l) => [l.name, l.depth])).toEqual([
      ['Usine de Lyon', 0],
      ['Atelier injection', 1],
      ['Ligne 1', 2],
      ['Utilités', 1],
    ]);
    expect(options.assignees.map((a) => a.displayName)).toEqual(['Chef Atelier', 'Emma Bernard', 'Lucas Martin', 'Marie Responsable']);
    expect(await core.call(WINDOWS.requester, 'workOrders:listOptions')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe(`OT list rights on ${TEST_ENGINE}`, () => {
  it('refuses requesters the list and the export; lets every maintainer read it', async () => {
    await insertOrders(core.database.kysely, [press()]);
    expect(await core.call(WINDOWS.requester, 'workOrders:list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call(WINDOWS.requester, 'workOrders:export', { format: 'csv' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    for (const window of [WINDOWS.admin, WINDOWS.manager, WINDOWS.lucas]) expect((await list({}, window)).rows).toHaveLength(1);
    expect(await core.call('w-nobody', 'workOrders:list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe(`OT list export on ${TEST_ENGINE}`, () => {
  async function exported(input: ChannelInput<'workOrders:export'>): Promise<ListExport> {
    return data(await core.call(WINDOWS.manager, 'workOrders:export', input));
  }

  it('writes the filtered list, every page of it, to an .xlsx with French headers, with progress to the window that asked', async () => {
    await insertOrders(core.database.kysely, [
      ...Array.from({ length: 1204 }, (_, i) => press({ title: `Graissage ${i}`, dueAt: now + i * 60_000, assignees: i === 0 ? [plant.users.lucas, plant.users.emma] : [] })),
      ...Array.from({ length: 10 }, () => ({ equipmentId: plant.oven, locationId: null, title: 'Hors filtre' })),
      press({ title: 'Clos', status: 'closed' }),
    ]);
    const file = await exported({ format: 'xlsx', equipment: 'PR-001' });
    expect(file).toMatchObject({ rows: 1204, capped: false });
    expect(file.fileName).toMatch(/^ordres-de-travail-\d{4}-\d{2}-\d{2}-\d{4}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Ordres de travail');
    expect(sheet.getRow(1).values).toEqual([undefined, 'Numéro', 'Titre', 'Statut', 'Type', 'Priorité', 'Équipement', 'Désignation', 'Localisation', 'Intervenants', 'Échéance', 'En retard', 'Créé le']);
    expect(sheet.rowCount).toBe(1205);
    const second = sheet.getRow(2).values as unknown[];
    expect(second.slice(2, 10)).toEqual(['Graissage 0', 'Planifié', 'Correctif', 3, 'PR-001', 'Presse à injecter 1', 'Ligne 1', 'Emma Bernard, Lucas Martin']);
    expect(second[10]).toBeInstanceOf(Date);
    expect(sheet.getRow(1205).getCell(2).value).toBe('Graissage 1203');
    const progress = core.events.filter((e) => e.event === 'lists:progress');
    expect(new Set(progress.map((e) => e.windowId))).toEqual(new Set([WINDOWS.manager]));
    expect(progress.map((e) => (e.payload as { exportedRows: number }).exportedRows)).toEqual([0, 1000, 1204]);
    expect(progress.at(-1)?.payload).toEqual({ list: 'work-orders', exportedRows: 1204, totalRows: 1204 });
  });

  it('writes CSV for French Excel: BOM, ";" separators, quoted and defused cells, local dates', async () => {
    await insertOrders(core.database.kysely, [press({ number: 'OT-2026-000001', title: '=HYPERLINK("x";"y")', dueAt: new Date(2026, 0, 20, 14, 5).getTime() }), press({ number: 'OT-2026-000002', title: 'Vérin; fuite' })]);
    const file = await exported({ format: 'csv', sort: 'number' });
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFFNuméro;Titre;Statut;')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(`OT-2026-000001;"'=HYPERLINK(""x"";""y"")";Planifié;Correctif;3;PR-001;Presse à injecter 1;Ligne 1;;20/01/2026 14:05;Non;${lines[1].split(';').at(-1)}`);
    expect(lines[2]).toContain('"Vérin; fuite"');
    expect(lines[3]).toBe('');
    const english = Buffer.from((await exported({ format: 'csv', language: 'en' })).base64, 'base64').toString('utf8');
    expect(english.startsWith('\uFEFFNumber;Title;Status;')).toBe(true);
  });

  it('gives a file with only its headers when nothing matches', async () => {
    const file = await exported({ format: 'csv', equipment: 'INCONNU' });
    expect(file).toMatchObject({ rows: 0, capped: false });
    expect(Buffer.from(file.base64, 'base64').toString('utf8').split('\r\n')).toHaveLength(2);
  });
});
