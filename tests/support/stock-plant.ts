// Node (tests). A magasin ready for stock tests on a real core: the OT plant (users signed in, an equipment), a
// store with three bins, two parts (inserted with the parts domain's repository) and an OT assigned to the
// technician; plus `data()` to unwrap a dispatcher answer.
import type { IpcResult } from '../../shared/contract';
import { PartsRepository } from '../../electron/core/parts';
import type { TestCore } from './test-core';
import { preparePlant, W, type Plant } from './work-orders-plant';

export interface StockPlant extends Plant {
  storeId: number;
  bins: { a: number; b: number; c: number };
  parts: { joint: number; roulement: number };
  order: { id: number; number: string };
}

export function data<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message} ${JSON.stringify(result.error.fields ?? '')}`);
  return result.data;
}

export async function createOrder(core: TestCore, assignee: number): Promise<{ id: number; number: string }> {
  const created = data(
    await core.call(W.manager, 'workOrders:create', {
      equipmentCode: 'PR-003',
      type: 'corrective',
      priority: 2,
      title: 'Remplacer le joint du vérin',
      description: '',
      plannedAt: core.clock.now(),
      dueAt: null,
      estimatedMinutes: 60,
      assigneeIds: [assignee],
    }),
  );
  const order = data(await core.call(W.manager, 'workOrders:get', { number: created.number }));
  return { id: order.id, number: order.number };
}

export async function prepareStock(core: TestCore): Promise<StockPlant> {
  const plant = await preparePlant(core);
  const storeId = data(await core.call(W.manager, 'stock:saveStore', { id: null, code: 'MAG1', name: 'Magasin central', isActive: true })).id;
  const bin = async (code: string) => data(await core.call(W.manager, 'stock:saveBin', { id: null, storeId, code, label: '', isActive: true })).id;
  const bins = { a: await bin('A-01'), b: await bin('A-02'), c: await bin('A-03') };
  const repository = new PartsRepository(core.database.kysely);
  const now = core.clock.now();
  const joint = Number((await repository.insert({ code: 'JNT-040', designation: 'Joint torique 40 mm' }, now)).id);
  const roulement = Number((await repository.insert({ code: 'RLT-6204', designation: 'Roulement 6204 2RS' }, now)).id);
  const order = await createOrder(core, plant.ids.tech);
  return { ...plant, storeId, bins, parts: { joint, roulement }, order };
}
