// Pure (Node). The magasin's rules: every change of stock is one move of the ledger written in the same short
// transaction as its stored balance (StockLedgerRepository.moveBalance: atomic, refuses to go below zero unless
// the administrator allows negative stock), the part's weighted average cost recomputed there from the stored
// totals, and the change published after commit. Technicians issue and return only on the OTs they work on, and
// never see costs. A move is never edited: a mistake is reversed (contre-passation) once.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Role } from '../../../shared/contract/roles';
import type {
  AdjustInput,
  InventoryView,
  IssueInput,
  MoveView,
  MovesQuery,
  PartOption,
  ReceiveInput,
  ReorderLine,
  ReserveInput,
  SaveBinInput,
  SaveStoreInput,
  StockMoveKind,
  StockSettings,
  StoreBalanceView,
  TransferInput,
  WorkOrderPartsView,
} from '../../../shared/stock/contract';
import { DEFAULT_STOCK_SETTINGS, stockSettingsSchema } from '../../../shared/stock/contract';
import { formatQuantity, moveValueCents } from '../../../shared/stock/quantity';
import type { Schema } from '../kernel/db/schema';
import type { Kernel } from '../kernel/kernel';
import { AppError } from '../kernel/platform/app-error';
import { SettingsSection } from '../kernel/settings/settings-section';
import { WorkOrdersRepository } from '../work-orders';
import { StockLedgerRepository } from './stock-ledger-repository';
import { StockRepository } from './stock-repository';
import { OPEN_WORK_ORDER_STATUSES } from '../../../shared/work-orders/list-contract';

export interface Caller {
  userId: number;
  role: Role;
}

type Trx = Transaction<Schema>;
const OPEN_WORK_ORDER = new Set<string>(OPEN_WORK_ORDER_STATUSES);

export function isManager(role: Role): boolean {
  return role === 'admin' || role === 'maintenance_manager';
}

function refused(message: string): AppError {
  return new AppError('STOCK_REFUSED', message);
}

/** The new weighted average after `quantity` entered (or left, if negative) at `unitCost`; total = stock after. */
export function weightedAverage(oldAvg: number, totalAfter: number, quantity: number, unitCost: number): number {
  const before = totalAfter - quantity;
  if (totalAfter <= 0) return quantity > 0 ? unitCost : oldAvg;
  if (before <= 0) return quantity > 0 ? unitCost : oldAvg;
  return Math.max(0, (before * oldAvg + quantity * unitCost) / totalAfter);
}

interface MoveSpec {
  partId: number;
  binId: number;
  kind: StockMoveKind;
  quantityMilli: number;
  unitCostCents: number;
  /** Moves that bring value in or take it out at a cost of their own recompute the weighted average. */
  revalue: boolean;
  workOrderId?: number | null;
  reversalOfId?: number | null;
  transferGroup?: string | null;
  inventoryCountId?: number | null;
  reason?: string | null;
  supplier?: string | null;
  documentRef?: string | null;
}

export class StockService {
  readonly ledger: StockLedgerRepository;
  readonly repository: StockRepository;
  private readonly workOrders: WorkOrdersRepository;
  readonly settingsSection: SettingsSection<StockSettings>;

  constructor(private readonly kernel: Kernel) {
    this.ledger = new StockLedgerRepository(kernel.database.kysely);
    this.repository = new StockRepository(kernel.database.kysely);
    this.workOrders = new WorkOrdersRepository(kernel.database.kysely);
    this.settingsSection = new SettingsSection({
      key: 'stock',
      schema: stockSettingsSchema,
      defaults: DEFAULT_STOCK_SETTINGS,
      database: kernel.database,
      settings: kernel.settings,
      audit: kernel.audit,
      clock: kernel.clock,
    });
  }

  private now(): number {
    return this.kernel.clock.now();
  }

  // --- Settings -------------------------------------------------------------------------------------------------

  settings(): Promise<StockSettings> {
    return this.settingsSection.get();
  }

  async updateSettings(next: StockSettings, caller: Caller): Promise<StockSettings> {
    const saved = await this.settingsSection.update(next, caller.userId);
    this.kernel.changes.publish('stock');
    return saved;
  }

  // --- The one way a move is written ----------------------------------------------------------------------------

  /** Writes one move and its balance inside `trx`; throws STOCK_INSUFFICIENT (rolling back `trx`) when refused. */
  private async writeMove(trx: Trx, spec: MoveSpec, caller: Caller, allowNegative: boolean, at: number): Promise<number> {
    const ledger = this.ledger.in(trx);
    const locked = spec.revalue ? await ledger.lockPart(spec.partId) : undefined;
    const moved = await ledger.moveBalance(spec.partId, spec.binId, spec.quantityMilli, allowNegative, at);
    if (!moved) {
      const [have, bin] = await Promise.all([ledger.balance(spec.partId, spec.binId), this.repository.in(trx).findBin(spec.binId)]);
      throw new AppError('STOCK_INSUFFICIENT', `Stock insuffisant : ${formatQuantity(have)} disponible dans ${bin?.code ?? '?'}.`, undefined, {
        availableMilli: have,
        bin: bin?.code ?? '',
      });
    }
    if (locked) {
      const total = await ledger.totalOfPart(spec.partId);
      const next = weightedAverage(locked.avgCostCents, total, spec.quantityMilli, spec.unitCostCents);
      if (next !== locked.avgCostCents) await ledger.setAverageCost(spec.partId, next, at);
    }
    return ledger.insertMove({
      part_id: spec.partId,
      bin_id: spec.binId,
      kind: spec.kind,
      quantity_milli: spec.quantityMilli,
      unit_cost_cents: spec.unitCostCents,
      value_cents: moveValueCents(spec.quantityMilli, spec.unitCostCents),
      work_order_id: spec.workOrderId ?? null,
      reversal_of_id: spec.reversalOfId ?? null,
      transfer_group: spec.transferGroup ?? null,
      inventory_count_id: spec.inventoryCountId ?? null,
      reason: spec.reason || null,
      supplier: spec.supplier || null,
      document_ref: spec.documentRef || null,
      user_id: caller.userId,
      workstation: this.kernel.workstationName,
      at,
    });
  }

  private async part(partId: number) {
    const part = await this.repository.partBrief(partId);
    if (!part) throw new AppError('NOT_FOUND', `Aucune pièce n° ${partId}.`);
    return part;
  }

  private async bin(binId: number, forEntry: boolean) {
    const bin = await this.repository.findBin(binId);
    if (!bin) throw new AppError('NOT_FOUND', `Aucun emplacement n° ${binId}.`);
    if (forEntry && !bin.isActive) throw refused(`L'emplacement ${bin.code} est désactivé : choisissez-en un autre.`);
    return bin;
  }

  private async allowNegative(): Promise<boolean> {
    return (await this.settings()).allowNegativeStock;
  }

  // --- Stores, bins, levels -------------------------------------------------------------------------------------

  stores() {
    return this.repository.stores();
  }

  async saveStore(input: SaveStoreInput & { code: string; name: string; isActive: boolean }): Promise<{ id: number }> {
    const at = this.now();
    const id = await this.kernel.database.transaction(async (trx) => {
      const repository = this.repository.in(trx);
      if (await repository.storeCodeTaken(input.code, input.id ?? null)) throw new AppError('STOCK_CODE_TAKEN', `Le code de magasin ${input.code} est déjà pris.`, [{ path: 'code', code: 'stock.validation.codeTaken' }]);
      if (input.id === null || input.id === undefined) return repository.insertStore(input, at);
      if (!(await repository.findStore(input.id))) throw new AppError('NOT_FOUND', `Aucun magasin n° ${input.id}.`);
      await repository.updateStore(input.id, input, at);
      return input.id;
    });
    this.kernel.changes.publish('stock');
    return { id };
  }

  async saveBin(input: SaveBinInput & { code: string; label: string; isActive: boolean }): Promise<{ id: number }> {
    const at = this.now();
    const id = await this.kernel.database.transaction(async (trx) => {
      const repository = this.repository.in(trx);
      if (!(await repository.findStore(input.storeId))) throw new AppError('NOT_FOUND', `Aucun magasin n° ${input.storeId}.`);
      if (await repository.binCodeTaken(input.storeId, input.code, input.id ?? null)) throw new AppError('STOCK_CODE_TAKEN', `L'emplacement ${input.code} existe déjà dans ce magasin.`, [{ path: 'code', code: 'stock.validation.codeTaken' }]);
      if (input.id === null || input.id === undefined) return repository.insertBin(input, at);
      const existing = await repository.findBin(input.id);
      if (!existing || existing.storeId !== input.storeId) throw new AppError('NOT_FOUND', `Aucun emplacement n° ${input.id} dans ce magasin.`);
      await repository.updateBin(input.id, input);
      return input.id;
    });
    this.kernel.changes.publish('stock');
    return { id };
  }

  async setLevel(input: { partId: number; storeId: number; minMilli: number; maxMilli: number | null }): Promise<{ ok: true }> {
    await this.part(input.partId);
    if (!(await this.repository.findStore(input.storeId))) throw new AppError('NOT_FOUND', `Aucun magasin n° ${input.storeId}.`);
    await this.repository.setLevel(input.partId, input.storeId, input.minMilli, input.maxMilli);
    this.kernel.changes.publish('stock');
    return { ok: true };
  }

  searchParts(search: string): Promise<PartOption[]> {
    return this.repository.searchParts(search, 30);
  }

  // --- Reads ----------------------------------------------------------------------------------------------------

  /** Balances per part × store (with the bins), what is reserved and what is available: stock − reserved. */
  async balances(filter: { storeId?: number | null; partId?: number | null; search?: string; belowMinOnly?: boolean; limit?: number }, caller: Caller): Promise<StoreBalanceView[]> {
    const rows = await this.repository.balanceRows({ storeId: filter.storeId, partId: filter.partId, search: filter.search, limit: filter.limit ?? 1000 });
    const partIds = [...new Set(rows.map((row) => row.partId))];
    const [reserved, levels] = await Promise.all([this.repository.reservedFor(partIds), this.repository.levelsFor(partIds)]);
    const groups = new Map<string, StoreBalanceView>();
    for (const row of rows) {
      const key = `${row.partId}:${row.storeId}`;
      let group = groups.get(key);
      if (!group) {
        const level = levels.get(key);
        group = {
          part: { id: row.partId, code: row.partCode, designation: row.designation, unit: row.unit },
          store: { id: row.storeId, code: row.storeCode, name: row.storeName },
          quantityMilli: 0,
          reservedMilli: reserved.get(key) ?? 0,
          availableMilli: 0,
          minMilli: level?.minMilli ?? null,
          maxMilli: level?.maxMilli ?? null,
          bins: [],
          avgCostCents: isManager(caller.role) ? row.avgCostCents : null,
        };
        groups.set(key, group);
      }
      group.quantityMilli += row.quantityMilli;
      group.bins.push({ id: row.binId, code: row.binCode, quantityMilli: row.quantityMilli });
    }
    const out = [...groups.values()];
    for (const group of out) group.availableMilli = group.quantityMilli - group.reservedMilli;
    return filter.belowMinOnly ? out.filter((group) => group.minMilli !== null && group.availableMilli < group.minMilli) : out;
  }

  async moves(query: MovesQuery, caller: Caller): Promise<MoveView[]> {
    let workOrderId: number | null = null;
    if (query.workOrderNumber) {
      workOrderId = await this.repository.workOrderIdByNumber(query.workOrderNumber);
      if (workOrderId === null) return [];
    }
    const rows = await this.repository.moves({ ...query, workOrderId, limit: query.limit ?? 100 });
    const manager = isManager(caller.role);
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      kind: row.kind as StockMoveKind,
      part: { id: row.partId, code: row.partCode, designation: row.designation, unit: row.unit },
      bin: { id: row.binId, code: row.binCode, storeCode: row.storeCode },
      quantityMilli: row.quantityMilli,
      unitCostCents: manager ? row.unitCostCents : null,
      valueCents: manager ? row.valueCents : null,
      workOrder: row.workOrderId === null ? null : { id: row.workOrderId, number: row.workOrderNumber ?? '' },
      reversalOfId: row.reversalOfId,
      reversedById: row.reversedById,
      transferGroup: row.transferGroup,
      inventoryCountId: row.inventoryCountId,
      reason: row.reason,
      supplier: row.supplier,
      documentRef: row.documentRef,
      user: row.user,
      workstation: row.workstation,
    }));
  }

  // --- Managers' moves ------------------------------------------------------------------------------------------

  async receive(input: ReceiveInput & { supplier: string; documentRef: string; reason: string }, caller: Caller): Promise<{ moveId: number }> {
    await this.part(input.partId);
    await this.bin(input.binId, true);
    const [allowNegative, at] = [await this.allowNegative(), this.now()];
    const moveId = await this.kernel.database.transaction((trx) =>
      this.writeMove(trx, { partId: input.partId, binId: input.binId, kind: 'receipt', quantityMilli: input.quantityMilli, unitCostCents: input.unitCostCents, revalue: true, supplier: input.supplier, documentRef: input.documentRef, reason: input.reason }, caller, allowNegative, at),
    );
    this.kernel.changes.publish('stock', 'parts');
    return { moveId };
  }

  async transfer(input: TransferInput & { reason: string }, caller: Caller): Promise<{ moveIds: number[] }> {
    const part = await this.part(input.partId);
    await this.bin(input.fromBinId, false);
    await this.bin(input.toBinId, true);
    const [allowNegative, at] = [await this.allowNegative(), this.now()];
    const group = randomUUID();
    const moveIds = await this.kernel.database.transaction(async (trx) => {
      const common = { partId: input.partId, unitCostCents: part.avgCostCents, revalue: false, transferGroup: group, reason: input.reason };
      const out = await this.writeMove(trx, { ...common, binId: input.fromBinId, kind: 'transfer_out', quantityMilli: -input.quantityMilli }, caller, allowNegative, at);
      const into = await this.writeMove(trx, { ...common, binId: input.toBinId, kind: 'transfer_in', quantityMilli: input.quantityMilli }, caller, allowNegative, at);
      return [out, into];
    });
    this.kernel.changes.publish('stock');
    return { moveIds };
  }

  async adjust(input: AdjustInput & { reason: string }, caller: Caller): Promise<{ moveId: number }> {
    const part = await this.part(input.partId);
    await this.bin(input.binId, false);
    const [allowNegative, at] = [await this.allowNegative(), this.now()];
    const moveId = await this.kernel.database.transaction((trx) =>
      this.writeMove(trx, { partId: input.partId, binId: input.binId, kind: 'adjustment', quantityMilli: input.deltaMilli, unitCostCents: part.avgCostCents, revalue: false, reason: input.reason }, caller, allowNegative, at),
    );
    this.kernel.changes.publish('stock');
    return { moveId };
  }

  /**
   * Contre-passation: the opposite quantity and value of a move (both legs of a transfer), at most once (the
   * unique index on reversal_of_id settles two PCs reversing at once), refused if stock would go negative.
   */
  async reverse(input: { moveId: number; reason: string }, caller: Caller): Promise<{ moveIds: number[] }> {
    const original = await this.ledger.findMove(input.moveId);
    if (!original) throw new AppError('NOT_FOUND', `Aucun mouvement n° ${input.moveId}.`);
    if (original.kind === 'reversal') throw refused('Une contre-passation ne se contre-passe pas : enregistrez un nouveau mouvement.');
    const legs = original.transfer_group && (original.kind === 'transfer_out' || original.kind === 'transfer_in') ? await this.ledger.movesOfGroup(original.transfer_group) : [original];
    const [allowNegative, at] = [await this.allowNegative(), this.now()];
    let moveIds: number[];
    try {
      moveIds = await this.kernel.database.transaction(async (trx) => {
        const ledger = this.ledger.in(trx);
        const ids: number[] = [];
        // Entries back out first, so a transfer's reversal takes from the bin it went into before refilling the other.
        for (const leg of [...legs].sort((a, b) => b.quantity_milli - a.quantity_milli)) {
          if (await ledger.isReversed(leg.id)) throw new AppError('STOCK_ALREADY_REVERSED', `Le mouvement n° ${leg.id} a déjà été contre-passé.`);
          ids.push(
            await this.writeMove(
              trx,
              {
                partId: leg.part_id,
                binId: leg.bin_id,
                kind: 'reversal',
                quantityMilli: -leg.quantity_milli,
                unitCostCents: leg.unit_cost_cents,
                revalue: leg.kind !== 'transfer_in' && leg.kind !== 'transfer_out',
                workOrderId: leg.work_order_id,
                reversalOfId: leg.id,
                reason: input.reason,
              },
              caller,
              allowNegative,
              at,
            ),
          );
          if (leg.work_order_id !== null && (leg.kind === 'issue' || leg.kind === 'return')) {
            const bin = await this.repository.in(trx).findBin(leg.bin_id);
            // Reversing an issue takes it off what the OT consumed (and a return's reversal puts it back).
            if (bin) await this.repository.in(trx).addIssued(leg.work_order_id, leg.part_id, bin.storeId, leg.quantity_milli, at);
          }
        }
        return ids;
      });
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (isUniqueViolation(error)) throw new AppError('STOCK_ALREADY_REVERSED', `Le mouvement n° ${input.moveId} a déjà été contre-passé.`);
      throw error;
    }
    this.kernel.changes.publish('stock', 'parts', ...(legs.some((leg) => leg.work_order_id !== null) ? (['work-orders'] as const) : []));
    return { moveIds };
  }

  // --- On an OT: reservations, issues, returns ------------------------------------------------------------------

  /** The OT, open, and someone who works on it (a manager, or a technician assigned to it). */
  private async workOrderFor(workOrderId: number, caller: Caller, mustBeOpen = true) {
    const order = await this.workOrders.findById(workOrderId);
    if (!order) throw new AppError('NOT_FOUND', `Aucun OT n° ${workOrderId}.`);
    if (!isManager(caller.role) && !(await this.workOrders.isAssignee(workOrderId, caller.userId))) {
      throw new AppError('FORBIDDEN', `Seuls les responsables et les techniciens affectés à l'OT ${order.number} y sortent des pièces.`);
    }
    if (mustBeOpen && !OPEN_WORK_ORDER.has(order.status)) throw refused(`L'OT ${order.number} n'est plus ouvert : on n'y réserve ni n'y sort plus de pièces.`);
    return order;
  }

  async workOrderParts(workOrderId: number, caller: Caller): Promise<WorkOrderPartsView> {
    const order = await this.workOrders.findById(workOrderId);
    if (!order) throw new AppError('NOT_FOUND', `Aucun OT n° ${workOrderId}.`);
    const manager = isManager(caller.role);
    const open = OPEN_WORK_ORDER.has(order.status);
    const canEdit = open && (manager || (await this.workOrders.isAssignee(workOrderId, caller.userId)));
    const [reservations, moves] = await Promise.all([this.repository.workOrderReservations(workOrderId), this.repository.workOrderMoves(workOrderId)]);
    const lines = new Map<string, WorkOrderPartsView['lines'][number]>();
    for (const r of reservations) {
      lines.set(`${r.part.id}:${r.store.id}`, {
        part: r.part,
        store: r.store,
        reservationId: r.id,
        reservationStatus: r.status,
        reservedMilli: r.quantityMilli,
        issuedMilli: 0,
        returnedMilli: 0,
        availableMilli: 0,
        costCents: manager ? 0 : null,
      });
    }
    for (const m of moves) {
      const key = `${m.part.id}:${m.store.id}`;
      const line = lines.get(key) ?? { part: m.part, store: m.store, reservationId: null, reservationStatus: null, reservedMilli: 0, issuedMilli: 0, returnedMilli: 0, availableMilli: 0, costCents: manager ? 0 : null };
      line.issuedMilli = m.issuedMilli;
      line.returnedMilli = m.returnedMilli;
      if (manager) line.costCents = m.costCents;
      lines.set(key, line);
    }
    const all = [...lines.values()];
    const reserved = await this.repository.reservedFor([...new Set(all.map((line) => line.part.id))]);
    for (const line of all) line.availableMilli = (await this.repository.storeStock(line.part.id, line.store.id)) - (reserved.get(`${line.part.id}:${line.store.id}`) ?? 0);
    return {
      workOrderId,
      open,
      canEdit,
      showCosts: manager,
      lines: all,
      totalCostCents: manager ? all.reduce((sum, line) => sum + (line.costCents ?? 0), 0) : null,
    };
  }

  async reserve(input: ReserveInput, caller: Caller): Promise<{ id: number }> {
    await this.workOrderFor(input.workOrderId, caller);
    const part = await this.part(input.partId);
    if (!part.isActive) throw refused(`La pièce ${part.code} est désactivée.`);
    const store = await this.repository.findStore(input.storeId);
    if (!store || store.is_active !== 1) throw refused('Ce magasin est inconnu ou désactivé.');
    const at = this.now();
    const id = await this.kernel.database.transaction(async (trx) => {
      const repository = this.repository.in(trx);
      const existing = await repository.findReservation(input.workOrderId, input.partId, input.storeId);
      if (!existing) return repository.insertReservation({ ...input, userId: caller.userId }, at);
      await repository.replanReservation(existing.id, input.quantityMilli, at);
      return existing.id;
    });
    this.kernel.changes.publish('stock', 'work-orders');
    return { id };
  }

  async release(reservationId: number, caller: Caller): Promise<{ ok: true }> {
    const reservation = await this.repository.findReservationById(reservationId);
    if (!reservation) throw new AppError('NOT_FOUND', `Aucune réservation n° ${reservationId}.`);
    await this.workOrderFor(reservation.workOrderId, caller, false);
    await this.repository.releaseReservation(reservationId, this.now());
    this.kernel.changes.publish('stock', 'work-orders');
    return { ok: true };
  }

  /** Sortie sur OT: valued at the part's average cost now; counts against the OT's reservation in that store. */
  async issue(input: IssueInput, caller: Caller): Promise<{ moveId: number }> {
    const order = await this.workOrderFor(input.workOrderId, caller);
    const bin = await this.bin(input.binId, false);
    const [allowNegative, at] = [await this.allowNegative(), this.now()];
    const moveId = await this.kernel.database.transaction(async (trx) => {
      const part = await this.repository.in(trx).partBrief(input.partId);
      if (!part) throw new AppError('NOT_FOUND', `Aucune pièce n° ${input.partId}.`);
      const id = await this.writeMove(trx, { partId: input.partId, binId: input.binId, kind: 'issue', quantityMilli: -input.quantityMilli, unitCostCents: part.avgCostCents, revalue: false, workOrderId: order.id }, caller, allowNegative, at);
      await this.repository.in(trx).addIssued(order.id, input.partId, bin.storeId, input.quantityMilli, at);
      return id;
    });
    this.kernel.changes.publish('stock', 'work-orders');
    return { moveId };
  }

  /** Retour d'OT: at most what the OT still holds of the part, at the average cost it left at. */
  async returnToStock(input: IssueInput, caller: Caller): Promise<{ moveId: number }> {
    const order = await this.workOrderFor(input.workOrderId, caller);
    const bin = await this.bin(input.binId, true);
    const [allowNegative, at] = [await this.allowNegative(), this.now()];
    const moveId = await this.kernel.database.transaction(async (trx) => {
      const held = await this.ledger.in(trx).netOnWorkOrder(order.id, input.partId);
      if (input.quantityMilli > held.quantityMilli) {
        throw refused(`On ne peut rendre que ce qui est sorti sur l'OT ${order.number} : ${formatQuantity(Math.max(0, held.quantityMilli))} au plus.`);
      }
      const unitCost = held.quantityMilli > 0 ? (held.valueCents * 1000) / held.quantityMilli : 0;
      const id = await this.writeMove(trx, { partId: input.partId, binId: input.binId, kind: 'return', quantityMilli: input.quantityMilli, unitCostCents: unitCost, revalue: true, workOrderId: order.id }, caller, allowNegative, at);
      await this.repository.in(trx).addIssued(order.id, input.partId, bin.storeId, -input.quantityMilli, at);
      return id;
    });
    this.kernel.changes.publish('stock', 'work-orders', 'parts');
    return { moveId };
  }

  /** Frees the reservations of OTs that are done, closed or cancelled (called when `work-orders` changes). */
  async releaseFinished(): Promise<number> {
    const released = await this.repository.releaseFinished(this.now());
    if (released > 0) this.kernel.changes.publish('stock');
    return released;
  }

  // --- Reorder --------------------------------------------------------------------------------------------------

  /** Below its minimum in a store: suggest up to the maximum (min × 2 without one), counting open reservations. */
  async reorder(storeId: number | null): Promise<ReorderLine[]> {
    const rows = await this.repository.reorder(storeId);
    return rows.map((row) => {
      const available = row.quantityMilli - row.reservedMilli;
      const target = row.maxMilli ?? row.minMilli * 2;
      return {
        part: row.part,
        store: row.store,
        quantityMilli: row.quantityMilli,
        reservedMilli: row.reservedMilli,
        availableMilli: available,
        minMilli: row.minMilli,
        maxMilli: row.maxMilli,
        suggestedMilli: Math.max(0, target - available),
        supplier: row.supplier?.supplier ?? null,
        supplierRef: row.supplier?.supplierRef ?? null,
        leadTimeDays: row.supplier?.leadTimeDays ?? null,
        unitPriceCents: row.supplier?.unitPriceCents ?? null,
      };
    });
  }

  // --- Inventory ------------------------------------------------------------------------------------------------

  inventories() {
    return this.repository.inventories();
  }

  async startInventory(storeId: number, caller: Caller): Promise<{ id: number }> {
    const store = await this.repository.findStore(storeId);
    if (!store || store.is_active !== 1) throw refused('Ce magasin est inconnu ou désactivé.');
    const open = (await this.repository.inventories()).find((count) => count.store.id === storeId && count.status === 'open');
    if (open) throw refused(`Un inventaire du magasin ${store.code} est déjà en cours (n° ${open.id}) : terminez-le ou annulez-le d'abord.`);
    const at = this.now();
    const id = await this.kernel.database.transaction((trx) => this.repository.in(trx).startInventory(storeId, caller.userId, at));
    this.kernel.changes.publish('stock');
    return { id };
  }

  async inventory(id: number): Promise<InventoryView> {
    const count = await this.repository.findInventory(id);
    if (!count) throw new AppError('NOT_FOUND', `Aucun inventaire n° ${id}.`);
    const lines = await this.repository.inventoryLines(id);
    return {
      ...count,
      lines: lines.length,
      counted: lines.filter((line) => line.countedMilli !== null).length,
      entries: lines.map((line) => {
        const difference = line.countedMilli === null ? null : line.countedMilli - line.expectedMilli;
        return {
          part: line.part,
          bin: line.bin,
          expectedMilli: line.expectedMilli,
          countedMilli: line.countedMilli,
          movedSinceMilli: count.status === 'open' ? line.currentMilli - line.expectedMilli : 0,
          differenceMilli: difference,
          adjustmentMilli: line.countedMilli === null || count.status !== 'open' ? null : line.countedMilli - line.currentMilli,
          differenceValueCents: difference === null ? null : moveValueCents(difference, line.avgCostCents),
        };
      }),
    };
  }

  async countLine(input: { id: number; partId: number; binId: number; countedMilli: number | null }, caller: Caller): Promise<{ ok: true }> {
    const count = await this.repository.findInventory(input.id);
    if (!count) throw new AppError('NOT_FOUND', `Aucun inventaire n° ${input.id}.`);
    if (count.status !== 'open') throw refused(`L'inventaire n° ${input.id} est terminé : ses comptages ne changent plus.`);
    if (!(await this.repository.setCounted(input.id, input.partId, input.binId, input.countedMilli, caller.userId, this.now()))) throw new AppError('NOT_FOUND', "Cette ligne n'est pas dans l'inventaire.");
    this.kernel.changes.publish('stock');
    return { ok: true };
  }

  /**
   * Applies every counted line in one transaction: one adjustment per difference, by counted − (expected + the
   * moves since the count started), that is counted − the balance now, so the bin holds what was counted.
   * Lines left blank are not adjusted.
   */
  async applyInventory(id: number, caller: Caller): Promise<{ moves: number }> {
    const count = await this.repository.findInventory(id);
    if (!count) throw new AppError('NOT_FOUND', `Aucun inventaire n° ${id}.`);
    const at = this.now();
    const moves = await this.kernel.database.transaction(async (trx) => {
      const repository = this.repository.in(trx);
      if (!(await repository.closeInventory(id, 'applied', caller.userId, at))) throw refused(`L'inventaire n° ${id} est déjà appliqué ou annulé.`);
      let written = 0;
      for (const line of await repository.inventoryLines(id)) {
        if (line.countedMilli === null) continue;
        const current = await this.ledger.in(trx).lockBalance(line.part.id, line.bin.id);
        const delta = line.countedMilli - current;
        if (delta === 0) continue;
        await this.writeMove(
          trx,
          { partId: line.part.id, binId: line.bin.id, kind: 'adjustment', quantityMilli: delta, unitCostCents: line.avgCostCents, revalue: false, inventoryCountId: id, reason: `Inventaire n° ${id}` },
          caller,
          true,
          at,
        );
        written += 1;
      }
      return written;
    });
    this.kernel.changes.publish('stock');
    return { moves };
  }

  async cancelInventory(id: number, caller: Caller): Promise<{ ok: true }> {
    if (!(await this.repository.closeInventory(id, 'cancelled', caller.userId, this.now()))) throw refused(`L'inventaire n° ${id} est déjà appliqué ou annulé.`);
    this.kernel.changes.publish('stock');
    return { ok: true };
  }
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/i.test(e?.message ?? '');
}
