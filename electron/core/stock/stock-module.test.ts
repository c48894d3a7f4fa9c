// Node (tests). The magasin through the real dispatcher, on the engine of this pass: stores and bins (unique codes,
// managers only), the weighted average cost on a known sequence, a refused issue writes nothing and says what is
// there, a reversal happens once and never makes stock negative, reservations lower what is available until the OT
// is cancelled, technicians issue only on their OTs and see no costs, negative stock only when the administrator
// allows it, the reorder list, and an inventory applied in one go.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestCore, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import { W } from '../../../tests/support/work-orders-plant';
import { createOrder, data, prepareStock, type StockPlant } from '../../../tests/support/stock-plant';

let core: TestCore;
let plant: StockPlant;

beforeEach(async () => {
  core = await createTestCore();
  plant = await prepareStock(core);
});
afterEach(async () => {
  await core.dispose();
});

async function balancesEqualSums(): Promise<void> {
  const db = core.database.kysely;
  const balances = await db.selectFrom('stock_balances').select(['part_id', 'bin_id', 'quantity_milli']).execute();
  const sums = await db.selectFrom('stock_moves').select(['part_id', 'bin_id', (eb) => eb.fn.sum<number>('quantity_milli').as('total')]).groupBy(['part_id', 'bin_id']).execute();
  const byKey = new Map(sums.map((row) => [`${row.part_id}:${row.bin_id}`, Number(row.total)]));
  for (const row of balances) expect(Number(row.quantity_milli), `balance ${row.part_id}:${row.bin_id}`).toBe(byKey.get(`${row.part_id}:${row.bin_id}`) ?? 0);
}

async function avgCost(partId: number): Promise<number> {
  const row = await core.database.kysely.selectFrom('parts').select('avg_cost_cents').where('id', '=', partId).executeTakeFirstOrThrow();
  return Number(row.avg_cost_cents);
}

async function countMoves(): Promise<number> {
  const row = await core.database.kysely.selectFrom('stock_moves').select((eb) => eb.fn.countAll<number>().as('c')).executeTakeFirstOrThrow();
  return Number(row.c);
}

const receive = (partId: number, binId: number, units: number, unitCostCents: number) =>
  core.call(W.manager, 'stock:receive', { partId, binId, quantityMilli: units * 1000, unitCostCents, supplier: 'Hydro Sud', documentRef: 'BL-1', reason: '' });

describe(`stock on ${TEST_ENGINE}`, () => {
  it('keeps store and bin codes unique (any case) and lets managers only create them', async () => {
    const again = await core.call(W.manager, 'stock:saveStore', { id: null, code: 'mag1', name: 'Doublon', isActive: true });
    expect(again.ok ? null : again.error.code).toBe('STOCK_CODE_TAKEN');
    const bin = await core.call(W.manager, 'stock:saveBin', { id: null, storeId: plant.storeId, code: 'a-01', label: '', isActive: true });
    expect(bin.ok ? null : bin.error.code).toBe('STOCK_CODE_TAKEN');
    const tech = await core.call(W.tech, 'stock:saveStore', { id: null, code: 'MAG2', name: 'Annexe', isActive: true });
    expect(tech.ok ? null : tech.error.code).toBe('FORBIDDEN');
    data(await core.call(W.manager, 'stock:saveStore', { id: plant.storeId, code: 'MAG1', name: 'Magasin principal', isActive: false }));
    const stores = data(await core.call(W.tech, 'stock:stores', {}));
    expect(stores[0]).toMatchObject({ code: 'MAG1', name: 'Magasin principal', isActive: false });
    expect(stores[0].bins.map((b) => b.code)).toEqual(['A-01', 'A-02', 'A-03']);
  });

  it('moves the weighted average cost on receipts and values issues at it', async () => {
    const { joint } = plant.parts;
    data(await receive(joint, plant.bins.a, 10, 100));
    expect(await avgCost(joint)).toBe(100);
    data(await receive(joint, plant.bins.b, 10, 200));
    expect(await avgCost(joint)).toBe(150);
    data(await core.call(W.manager, 'stock:issue', { workOrderId: plant.order.id, partId: joint, binId: plant.bins.a, quantityMilli: 5000 }));
    expect(await avgCost(joint)).toBe(150);
    // (15 × 150 + 5 × 300) ÷ 20 = 187.5
    data(await receive(joint, plant.bins.a, 5, 300));
    expect(await avgCost(joint)).toBe(187.5);
    const moves = data(await core.call(W.manager, 'stock:moves', { partId: joint }));
    const issue = moves.find((m) => m.kind === 'issue');
    expect(issue).toMatchObject({ quantityMilli: -5000, unitCostCents: 150, valueCents: -750, workOrder: { number: plant.order.number }, workstation: 'POSTE-TEST' });
    // A return comes back at the cost it left at; the OT's parts cost is what remains issued.
    data(await core.call(W.manager, 'stock:return', { workOrderId: plant.order.id, partId: joint, binId: plant.bins.a, quantityMilli: 2000 }));
    const parts = data(await core.call(W.manager, 'stock:workOrderParts', { workOrderId: plant.order.id }));
    expect(parts.lines[0]).toMatchObject({ issuedMilli: 5000, returnedMilli: 2000, costCents: 450 });
    const tooMuch = await core.call(W.manager, 'stock:return', { workOrderId: plant.order.id, partId: joint, binId: plant.bins.a, quantityMilli: 4000 });
    expect(tooMuch.ok ? null : tooMuch.error.code).toBe('STOCK_REFUSED');
    await balancesEqualSums();
  });

  it('refuses an issue beyond the bin, says what is there, and writes nothing', async () => {
    data(await receive(plant.parts.joint, plant.bins.c, 1, 100));
    const before = await countMoves();
    const refused = await core.call(W.manager, 'stock:issue', { workOrderId: plant.order.id, partId: plant.parts.joint, binId: plant.bins.c, quantityMilli: 2000 });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('STOCK_INSUFFICIENT');
      expect(refused.error.message).toBe('Stock insuffisant : 1 disponible dans A-03.');
    }
    expect(await countMoves()).toBe(before);
    // A bin never used: nothing there, and no balance row left behind.
    const empty = await core.call(W.manager, 'stock:issue', { workOrderId: plant.order.id, partId: plant.parts.roulement, binId: plant.bins.a, quantityMilli: 1000 });
    expect(empty.ok ? null : empty.error.code).toBe('STOCK_INSUFFICIENT');
    const rows = await core.database.kysely.selectFrom('stock_balances').selectAll().where('part_id', '=', plant.parts.roulement).execute();
    expect(rows).toHaveLength(0);
  });

  it('reverses a move once only, never below zero, and a transfer as a whole', async () => {
    const { joint } = plant.parts;
    const receipt = data(await receive(joint, plant.bins.a, 5, 100)).moveId;
    data(await core.call(W.manager, 'stock:issue', { workOrderId: plant.order.id, partId: joint, binId: plant.bins.a, quantityMilli: 3000 }));
    const negative = await core.call(W.manager, 'stock:reverse', { moveId: receipt, reason: 'Erreur de saisie' });
    expect(negative.ok ? null : negative.error.code).toBe('STOCK_INSUFFICIENT');

    const transfer = data(await core.call(W.manager, 'stock:transfer', { partId: joint, fromBinId: plant.bins.a, toBinId: plant.bins.b, quantityMilli: 2000, reason: '' }));
    const reversed = data(await core.call(W.manager, 'stock:reverse', { moveId: transfer.moveIds[0], reason: 'Mauvais emplacement' }));
    expect(reversed.moveIds).toHaveLength(2);
    const again = await core.call(W.manager, 'stock:reverse', { moveId: transfer.moveIds[1], reason: 'Encore' });
    expect(again.ok ? null : again.error.code).toBe('STOCK_ALREADY_REVERSED');
    const moves = data(await core.call(W.manager, 'stock:moves', { kind: 'reversal' }));
    expect(moves.map((m) => m.reversalOfId).sort()).toEqual([...transfer.moveIds].sort());
    const tech = await core.call(W.tech, 'stock:reverse', { moveId: receipt, reason: 'x' });
    expect(tech.ok ? null : tech.error.code).toBe('FORBIDDEN');
    await balancesEqualSums();
    const stock = data(await core.call(W.manager, 'stock:partStock', { partId: joint }));
    expect(stock[0]).toMatchObject({ quantityMilli: 2000, bins: [{ code: 'A-01', quantityMilli: 2000 }, { code: 'A-02', quantityMilli: 0 }] });
  });

  it('shows available = stock − open reservations, and frees them when the OT is cancelled', async () => {
    const { joint } = plant.parts;
    data(await receive(joint, plant.bins.a, 5, 100));
    data(await core.call(W.manager, 'stock:reserve', { workOrderId: plant.order.id, partId: joint, storeId: plant.storeId, quantityMilli: 2000 }));
    let balance = data(await core.call(W.tech, 'stock:balances', {}))[0];
    expect(balance).toMatchObject({ quantityMilli: 5000, reservedMilli: 2000, availableMilli: 3000, avgCostCents: null });
    // The technician assigned to the OT issues one: still one reserved, stock 4, available 3.
    data(await core.call(W.tech, 'stock:issue', { workOrderId: plant.order.id, partId: joint, binId: plant.bins.a, quantityMilli: 1000 }));
    balance = data(await core.call(W.manager, 'stock:balances', {}))[0];
    expect(balance).toMatchObject({ quantityMilli: 4000, reservedMilli: 1000, availableMilli: 3000, avgCostCents: 100 });
    const techView = data(await core.call(W.tech, 'stock:workOrderParts', { workOrderId: plant.order.id }));
    expect(techView).toMatchObject({ canEdit: true, showCosts: false, totalCostCents: null });
    expect(techView.lines[0]).toMatchObject({ reservedMilli: 2000, issuedMilli: 1000, costCents: null });
    // Another technician, not on this OT, may not issue on it.
    const other = await core.call(W.tech2, 'stock:issue', { workOrderId: plant.order.id, partId: joint, binId: plant.bins.a, quantityMilli: 1000 });
    expect(other.ok ? null : other.error.code).toBe('FORBIDDEN');
    const { version } = data(await core.call(W.manager, 'workOrders:get', { number: plant.order.number }));
    data(await core.call(W.manager, 'workOrders:transition', { number: plant.order.number, version, action: 'cancel', cancel: { reason: 'Doublon' } }));
    balance = data(await core.call(W.manager, 'stock:balances', {}))[0];
    expect(balance).toMatchObject({ reservedMilli: 0, availableMilli: 4000 });
    const row = await core.database.kysely.selectFrom('part_reservations').select('status').executeTakeFirstOrThrow();
    expect(row.status).toBe('released');
    const closed = await core.call(W.manager, 'stock:issue', { workOrderId: plant.order.id, partId: joint, binId: plant.bins.a, quantityMilli: 1000 });
    expect(closed.ok ? null : closed.error.code).toBe('STOCK_REFUSED');
  });

  it('allows negative stock only when the administrator says so (audited)', async () => {
    const manager = await core.call(W.manager, 'stock:updateSettings', { allowNegativeStock: true });
    expect(manager.ok ? null : manager.error.code).toBe('FORBIDDEN');
    data(await core.call(W.admin, 'stock:updateSettings', { allowNegativeStock: true }));
    data(await core.call(W.manager, 'stock:issue', { workOrderId: plant.order.id, partId: plant.parts.joint, binId: plant.bins.a, quantityMilli: 2000 }));
    expect(data(await core.call(W.manager, 'stock:partStock', { partId: plant.parts.joint }))[0].quantityMilli).toBe(-2000);
    const audit = await core.database.kysely.selectFrom('audit_log').select(['event_type', 'details']).where('event_type', '=', 'settings.updated').execute();
    expect(audit.some((row) => String(row.details).includes('allowNegativeStock'))).toBe(true);
    await balancesEqualSums();
  });

  it('lists parts below their minimum with the suggested quantity and the preferred supplier, and exports it', async () => {
    const { joint, roulement } = plant.parts;
    data(await receive(joint, plant.bins.a, 3, 100));
    data(await receive(roulement, plant.bins.a, 10, 100));
    data(await core.call(W.manager, 'stock:setLevel', { partId: joint, storeId: plant.storeId, minMilli: 4000, maxMilli: 10000 }));
    data(await core.call(W.manager, 'stock:setLevel', { partId: roulement, storeId: plant.storeId, minMilli: 5000, maxMilli: null }));
    await core.database.kysely
      .insertInto('part_suppliers')
      .values([
        { part_id: joint, supplier: 'Autre', supplier_ref: null, lead_time_days: 9, unit_price_cents: 120, is_preferred: 0, created_at: 1 },
        { part_id: joint, supplier: 'Hydro Sud', supplier_ref: 'HS-40', lead_time_days: 5, unit_price_cents: 110, is_preferred: 1, created_at: 1 },
      ])
      .execute();
    let lines = data(await core.call(W.manager, 'stock:reorder', {}));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ part: { code: 'JNT-040' }, availableMilli: 3000, suggestedMilli: 7000, supplier: 'Hydro Sud', leadTimeDays: 5 });
    // Reserving 6 roulements drops it to 4 available, below its minimum of 5: suggest up to min × 2.
    data(await core.call(W.manager, 'stock:reserve', { workOrderId: plant.order.id, partId: roulement, storeId: plant.storeId, quantityMilli: 6000 }));
    lines = data(await core.call(W.manager, 'stock:reorder', {}));
    expect(lines.find((l) => l.part.code === 'RLT-6204')).toMatchObject({ availableMilli: 4000, suggestedMilli: 6000, supplier: null });
    const file = data(await core.call(W.manager, 'stock:exportReorder', {}));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Réapprovisionnement');
    expect(sheet?.getRow(1).getCell(10).value).toBe('Quantité suggérée');
    expect(sheet?.rowCount).toBe(3);
    expect((await core.call(W.tech, 'stock:reorder', {})).ok).toBe(false);
  });

  it('applies an inventory in one go, counting the moves made since the sheet', async () => {
    const { joint, roulement } = plant.parts;
    data(await receive(joint, plant.bins.a, 10, 100));
    data(await receive(roulement, plant.bins.b, 4, 250));
    const id = data(await core.call(W.manager, 'stock:startInventory', { storeId: plant.storeId })).id;
    const second = await core.call(W.manager, 'stock:startInventory', { storeId: plant.storeId });
    expect(second.ok ? null : second.error.code).toBe('STOCK_REFUSED');
    // After the sheet: 2 joints leave on an OT; the counter then finds 7 (so 1 missing), and 4 roulements.
    data(await core.call(W.manager, 'stock:issue', { workOrderId: plant.order.id, partId: joint, binId: plant.bins.a, quantityMilli: 2000 }));
    data(await core.call(W.manager, 'stock:countLine', { id, partId: joint, binId: plant.bins.a, countedMilli: 7000 }));
    data(await core.call(W.manager, 'stock:countLine', { id, partId: roulement, binId: plant.bins.b, countedMilli: 4000 }));
    const view = data(await core.call(W.manager, 'stock:inventory', { id }));
    expect(view.entries.find((l) => l.part.id === joint)).toMatchObject({ expectedMilli: 10000, movedSinceMilli: -2000, differenceMilli: -3000, adjustmentMilli: -1000, differenceValueCents: -300 });
    const applied = data(await core.call(W.manager, 'stock:applyInventory', { id }));
    expect(applied.moves).toBe(1);
    const adjustments = await core.database.kysely.selectFrom('stock_moves').selectAll().where('kind', '=', 'adjustment').execute();
    expect(adjustments).toHaveLength(1);
    expect(Number(adjustments[0].inventory_count_id)).toBe(id);
    expect(Number(adjustments[0].quantity_milli)).toBe(-1000);
    expect(data(await core.call(W.manager, 'stock:partStock', { partId: joint }))[0].quantityMilli).toBe(7000);
    const twice = await core.call(W.manager, 'stock:applyInventory', { id });
    expect(twice.ok ? null : twice.error.code).toBe('STOCK_REFUSED');
    await balancesEqualSums();
  });

  it('answers the OT parts panel per part for a second OT', async () => {
    const other = await createOrder(core, plant.ids.tech2);
    data(await receive(plant.parts.joint, plant.bins.a, 2, 100));
    data(await core.call(W.tech2, 'stock:reserve', { workOrderId: other.id, partId: plant.parts.joint, storeId: plant.storeId, quantityMilli: 1000 }));
    const view = data(await core.call(W.manager, 'stock:workOrderParts', { workOrderId: other.id }));
    expect(view.lines).toHaveLength(1);
    expect(view.lines[0]).toMatchObject({ reservedMilli: 1000, availableMilli: 1000, costCents: 0 });
    const notMine = await core.call(W.tech, 'stock:reserve', { workOrderId: other.id, partId: plant.parts.joint, storeId: plant.storeId, quantityMilli: 1000 });
    expect(notMine.ok ? null : notMine.error.code).toBe('FORBIDDEN');
  });
});
