// Node (dev only). The magasin part of `npm run seed`, after seedPlant (and the parts seed, if any): three stores
// with their bins, min/max and suppliers, then `moves` stock moves over the plant's three years — receipts at
// varying prices, issues on the seeded OTs valued at the running weighted average, returns, transfers and
// inventory adjustments — simulated in memory from one seeded generator so the stored balances written at the end
// are exactly the sums of the moves and never negative, and each part's average cost is the ledger's. Written in
// multi-row INSERTs grouped in large transactions. With no part in the catalog, a few thousand are inserted first
// through the parts domain's repository.
import type { Insertable } from 'kysely';
import { PartsRepository } from '../../electron/core/parts';
import type { Database } from '../../electron/core/kernel/db/database';
import type { PartReservationsTable, PartStoreLevelsTable, PartSuppliersTable, StockMovesTable } from '../../electron/core/kernel/db/schema';
import { moveValueCents } from '../../shared/stock/quantity';
import { SeedStockRepository } from './seed-stock-repository';
import { generator } from './seed-random';

export interface SeedStockOptions {
  moves: number;
  seed: number;
  /** The end of the history (default: now). */
  now?: number;
  /** Parts inserted when the catalog is empty (default 3,000). */
  partsIfEmpty?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedStockResult {
  stores: number;
  bins: number;
  parts: number;
  moves: number;
  balances: number;
  reservations: number;
}

const DAY = 86_400_000;
const BATCH = 500;
// Moves have 17 columns: 1,500 rows stay under SQLite's 32,766 bound parameters and cut the statements by three.
const MOVE_BATCH = 1500;
const TRANSACTION = 20_000;


const STORES = [
  { code: 'MAG-CENTRAL', name: 'Magasin central', aisles: 'ABCDEF', shelves: 10 },
  { code: 'MAG-PRESSES', name: 'Magasin atelier presses', aisles: 'PQ', shelves: 8 },
  { code: 'MAG-MAINT', name: 'Armoires de l’équipe maintenance', aisles: 'M', shelves: 6 },
];
const SUPPLIERS = ['Hydro Sud', 'Roulements Rhône-Alpes', 'Électro Distribution', 'Pneumatique Lyonnaise', 'Fixations Martin', 'Würth France', 'RS Components', 'Kaman Industrie'];
const PART_FAMILIES = [
  ['JNT', 'Joint torique'],
  ['RLT', 'Roulement'],
  ['CRR', 'Courroie crantée'],
  ['FLT', 'Filtre hydraulique'],
  ['CPT', 'Capteur inductif'],
  ['FUS', 'Fusible'],
  ['VIS', 'Vis CHC'],
  ['CTC', 'Contacteur'],
  ['VRN', 'Vérin pneumatique'],
  ['HUI', 'Huile hydraulique'],
] as const;

export async function seedStock(database: Database, options: SeedStockOptions): Promise<SeedStockResult> {
  const random = generator(options.seed);
  const repository = new SeedStockRepository(database.kysely);
  const now = options.now ?? Date.now();
  const start = now - 3 * 365 * DAY;
  if ((await repository.countStores()) > 0) throw new Error('The magasin is already seeded (stores exist).');

  // -- Parts: the catalog's, or a few thousand of our own.
  let partIds = await repository.partIds();
  if (partIds.length === 0) {
    const total = options.partsIfEmpty ?? 3000;
    await database.transaction(async (trx) => {
      const parts = new PartsRepository(trx);
      for (let i = 0; i < total; i += 1) {
        const [prefix, designation] = PART_FAMILIES[i % PART_FAMILIES.length];
        await parts.insert({ code: `${prefix}-${String(10000 + i)}`, designation: `${designation} ${random.int(4, 120)} mm`, unit: prefix === 'HUI' ? 'L' : 'pce' }, start);
      }
    });
    partIds = await repository.partIds();
  }
  const maintainers = await repository.maintainerIds();
  const orders = await repository.workOrders();
  if (maintainers.length === 0) throw new Error('seedStock runs after seedPlant: no maintainer found.');

  // -- Stores, bins; each part lives in one or two bins (its home store's, sometimes a second store's).
  const storeIds = await repository.insertStores(STORES.map((s) => ({ code: s.code, name: s.name, created_at: start, updated_at: start })));
  const binsByStore: number[][] = [];
  for (let s = 0; s < STORES.length; s += 1) {
    const rows = [];
    for (const aisle of STORES[s].aisles) for (let shelf = 1; shelf <= STORES[s].shelves; shelf += 1) rows.push({ store_id: storeIds[s], code: `${aisle}-${String(shelf).padStart(2, '0')}`, label: null, created_at: start });
    binsByStore.push(await repository.insertBins(rows));
  }
  const binCount = binsByStore.reduce((sum, bins) => sum + bins.length, 0);
  const homes = partIds.map((partId) => {
    const home = random.chance(0.7) ? 0 : random.int(1, STORES.length - 1);
    const bins = [random.pick(binsByStore[home])];
    if (random.chance(0.25)) bins.push(random.pick(binsByStore[(home + 1) % STORES.length]));
    return { partId, home, bins, price: random.int(50, 25_000), unitStep: random.chance(0.1) ? 500 : 1000 };
  });
  const levelRows: Insertable<PartStoreLevelsTable>[] = [];
  const supplierRows: Insertable<PartSuppliersTable>[] = [];
  for (const h of homes) {
    if (random.chance(0.6)) {
      const min = random.int(1, 10) * 1000;
      levelRows.push({ part_id: h.partId, store_id: storeIds[h.home], min_milli: min, max_milli: random.chance(0.7) ? min * random.int(2, 5) : null });
    }
    const count = random.int(1, 2);
    for (let i = 0; i < count; i += 1) {
      supplierRows.push({ part_id: h.partId, supplier: random.pick(SUPPLIERS), supplier_ref: `R${random.int(100000, 999999)}`, lead_time_days: random.int(1, 45), unit_price_cents: h.price, is_preferred: i === 0 ? 1 : 0, created_at: start });
    }
  }
  await database.transaction(async (trx) => {
    const r = repository.in(trx);
    for (let i = 0; i < levelRows.length; i += BATCH) await r.insertLevels(levelRows.slice(i, i + BATCH));
    for (let i = 0; i < supplierRows.length; i += BATCH) await r.insertSuppliers(supplierRows.slice(i, i + BATCH));
  });

  // -- The moves, simulated: balances, stock per part and weighted average kept in memory as the ledger would.
  const balance = new Map<string, number>();
  const totals = new Map<number, number>();
  const avg = new Map<number, number>();
  const issued = new Map<string, { quantity: number; value: number }>();
  const workOrderIds = orders.map((o) => o.id);
  const step = (now - start) / Math.max(1, options.moves);
  let at = start;
  let written = 0;
  let buffer: Insertable<StockMovesTable>[] = [];
  let pending: Insertable<StockMovesTable>[][] = [];
  const flush = async (force: boolean) => {
    if (buffer.length > 0) pending.push(buffer);
    buffer = [];
    const rows = pending.reduce((sum, batch) => sum + batch.length, 0);
    if (!force && rows < TRANSACTION) return;
    const batches = pending;
    pending = [];
    await database.transaction(async (trx) => {
      const r = repository.in(trx);
      for (const batch of batches) await r.insertMoves(batch);
    });
    written += rows;
    options.onProgress?.(written, options.moves);
  };
  const user = () => random.pick(maintainers);
  const workstation = () => `POSTE-MAG-${random.int(1, 4)}`;
  const push = (move: Omit<Insertable<StockMovesTable>, 'value_cents' | 'user_id' | 'workstation' | 'at'>) => {
    const key = `${move.part_id}:${move.bin_id}`;
    balance.set(key, (balance.get(key) ?? 0) + move.quantity_milli);
    totals.set(move.part_id, (totals.get(move.part_id) ?? 0) + move.quantity_milli);
    buffer.push({ ...move, value_cents: moveValueCents(move.quantity_milli, move.unit_cost_cents), user_id: user(), workstation: workstation(), at: Math.round(at) });
  };
  let made = 0;
  while (made < options.moves) {
    at += step;
    const h = homes[Math.floor(Math.pow(random.next(), 1.6) * homes.length)];
    const bin = random.pick(h.bins);
    const key = `${h.partId}:${bin}`;
    const have = balance.get(key) ?? 0;
    const cost = avg.get(h.partId) ?? 0;
    const roll = random.next();
    if (have < h.unitStep * 2 || roll < 0.28) {
      // Réception at a price around the catalog's.
      const quantity = h.unitStep * random.int(2, 20);
      const price = Math.round(h.price * (0.85 + random.next() * 0.3));
      const before = totals.get(h.partId) ?? 0;
      avg.set(h.partId, before > 0 ? (before * cost + quantity * price) / (before + quantity) : price);
      push({ part_id: h.partId, bin_id: bin, kind: 'receipt', quantity_milli: quantity, unit_cost_cents: price, supplier: random.pick(SUPPLIERS), document_ref: `BL-${random.int(10000, 99999)}`, reason: null });
      made += 1;
    } else if (roll < 0.8 && workOrderIds.length > 0) {
      const quantity = Math.min(have, h.unitStep * random.int(1, 3));
      const workOrderId = random.pick(workOrderIds);
      push({ part_id: h.partId, bin_id: bin, kind: 'issue', quantity_milli: -quantity, unit_cost_cents: cost, work_order_id: workOrderId });
      const held = issued.get(`${workOrderId}:${h.partId}`) ?? { quantity: 0, value: 0 };
      issued.set(`${workOrderId}:${h.partId}`, { quantity: held.quantity + quantity, value: held.value + moveValueCents(quantity, cost) });
      made += 1;
      // Now and then a part comes back unused, at the cost it left at.
      if (random.chance(0.06) && made < options.moves) {
        const back = Math.min(held.quantity + quantity, h.unitStep);
        const total = held.value + moveValueCents(quantity, cost);
        const unit = (total * 1000) / (held.quantity + quantity);
        const stock = totals.get(h.partId) ?? 0;
        avg.set(h.partId, stock > 0 ? (stock * cost + back * unit) / (stock + back) : unit);
        push({ part_id: h.partId, bin_id: bin, kind: 'return', quantity_milli: back, unit_cost_cents: unit, work_order_id: workOrderId });
        made += 1;
      }
    } else if (roll < 0.9 && h.bins.length > 1 && made + 2 <= options.moves) {
      const other = h.bins.find((b) => b !== bin) as number;
      const quantity = Math.min(have, h.unitStep * random.int(1, 4));
      const group = `seed-${made}`;
      push({ part_id: h.partId, bin_id: bin, kind: 'transfer_out', quantity_milli: -quantity, unit_cost_cents: cost, transfer_group: group });
      push({ part_id: h.partId, bin_id: other, kind: 'transfer_in', quantity_milli: quantity, unit_cost_cents: cost, transfer_group: group });
      made += 2;
    } else {
      // Écart d'inventaire: a little missing, rarely some found.
      const delta = random.chance(0.8) ? -Math.min(have, h.unitStep) : h.unitStep;
      push({ part_id: h.partId, bin_id: bin, kind: 'adjustment', quantity_milli: delta, unit_cost_cents: cost, reason: 'Écart constaté à l’inventaire' });
      made += 1;
    }
    if (buffer.length >= MOVE_BATCH) await flush(false);
  }
  await flush(true);

  // -- The stored balances (exactly the sums), the average costs, and open reservations on open OTs.
  const balanceRows = [...balance.entries()].map(([key, quantity]) => {
    const [partId, binId] = key.split(':').map(Number);
    return { part_id: partId, bin_id: binId, quantity_milli: quantity, updated_at: now };
  });
  const openOrders = orders.filter((o) => ['draft', 'planned', 'in_progress', 'on_hold'].includes(o.status)).map((o) => o.id);
  const reservationRows: Insertable<PartReservationsTable>[] = [];
  for (let i = 0; i < Math.min(openOrders.length * 2, 2000); i += 1) {
    const h = random.pick(homes);
    reservationRows.push({ work_order_id: random.pick(openOrders), part_id: h.partId, store_id: storeIds[h.home], quantity_milli: h.unitStep * random.int(1, 4), issued_milli: 0, status: 'open' as const, created_by: user(), created_at: now, updated_at: now });
  }
  await database.transaction(async (trx) => {
    const r = repository.in(trx);
    for (let i = 0; i < balanceRows.length; i += BATCH) await r.insertBalances(balanceRows.slice(i, i + BATCH));
    for (const [partId, cost] of avg) await r.setAverageCost(partId, cost, now);
    for (let i = 0; i < reservationRows.length; i += BATCH) await r.insertReservations(reservationRows.slice(i, i + BATCH));
  });
  await repository.analyze();
  return { stores: storeIds.length, bins: binCount, parts: partIds.length, moves: written, balances: balanceRows.length, reservations: reservationRows.length };
}
