// Node (tests, both engines). The parts catalog through the real dispatcher on a real database: références unique
// whatever their case, compare-and-set edits on `version`, managers write and technicians read, folded search and
// stable keyset pages, where-used both ways, and the stock / available figures summed in SQL from the stock
// tables (balances over several bins and stores, open reservations minus what they already issued; released
// ones don't count), with the « sous le minimum » filter.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PartDetail, PartFieldsInput, PartsListResult } from '../../../shared/parts/contract';
import { PartsStockFixturesRepository } from '../../../tests/support/parts-stock-fixtures-repository';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import { UsersRepository } from '../kernel/identity/users-repository';

let core: TestCore;
const MANAGER = 'w-manager';
const TECH = 'w-tech';

async function ok<T>(promise: Promise<{ ok: true; data: T } | { ok: false; error: { code: string } }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.data;
}

async function signInAs(windowId: string, username: string, role: 'technician' | 'maintenance_manager'): Promise<void> {
  const repo = new UsersRepository(core.database.kysely);
  const id = await repo.insert({ username, displayName: username, email: null, role, passwordHash: 'x', mustChangePassword: false, locale: 'fr' }, core.clock.now());
  await core.sessions.start(windowId, (await repo.findById(id))!);
}

const part = (code: string, designation: string, extra: Partial<PartFieldsInput> = {}): PartFieldsInput => ({
  code,
  designation,
  manufacturer: null,
  manufacturerRef: null,
  unit: 'pce',
  category: null,
  notes: null,
  isActive: true,
  suppliers: [],
  ...extra,
});
const create = (input: PartFieldsInput, windowId = MANAGER) => core.call(windowId, 'parts:create', input);
const list = (filter: Parameters<typeof core.call<'parts:list'>>[2] = {}) => ok<PartsListResult>(core.call(TECH, 'parts:list', filter));

beforeEach(async () => {
  core = await createTestCore();
  await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  await signInAs(MANAGER, 'resp.maint', 'maintenance_manager');
  await signInAs(TECH, 'tech.un', 'technician');
});
afterEach(async () => {
  await core.dispose();
});

describe(`parts catalog on ${TEST_ENGINE}`, () => {
  it('creates a part with its suppliers (one preferred), refuses a duplicate référence whatever its case, and lets a technician read only', async () => {
    const created = await ok<PartDetail>(
      create(
        part('ROUL-6205', 'Roulement à billes 6205 2RS', {
          manufacturer: 'SKF',
          manufacturerRef: '6205-2RSH',
          category: 'Roulements',
          suppliers: [
            { supplier: 'Brammer', supplierRef: 'BR-6205', leadTimeDays: 3, unitPriceCents: 1250, isPreferred: true },
            { supplier: 'Würth', supplierRef: null, leadTimeDays: 5, unitPriceCents: 1390, isPreferred: false },
          ],
        }),
      ),
    );
    expect(created).toMatchObject({ code: 'ROUL-6205', version: 1, unit: 'pce', category: 'Roulements', stockMilli: 0, availableMilli: 0 });
    expect(created.suppliers.map((s) => [s.supplier, s.isPreferred, s.unitPriceCents])).toEqual([
      ['Brammer', true, 1250],
      ['Würth', false, 1390],
    ]);

    const duplicate = await create(part('roul-6205', 'Autre'));
    expect(duplicate.ok ? null : duplicate.error.code).toBe('PART_CODE_TAKEN');
    const twoPreferred = await create(
      part('X-1', 'X', {
        suppliers: [
          { supplier: 'A', supplierRef: null, leadTimeDays: null, unitPriceCents: null, isPreferred: true },
          { supplier: 'B', supplierRef: null, leadTimeDays: null, unitPriceCents: null, isPreferred: true },
        ],
      }),
    );
    expect(twoPreferred.ok ? null : twoPreferred.error.code).toBe('VALIDATION_FAILED');

    const byTech = await create(part('JOINT-1', 'Joint torique'), TECH);
    expect(byTech.ok ? null : byTech.error.code).toBe('FORBIDDEN');
    expect((await ok<PartDetail>(core.call(TECH, 'parts:get', { code: 'roul-6205' }))).designation).toBe('Roulement à billes 6205 2RS');
    const audit = await core.database.kysely.selectFrom('audit_log').select('event_type').where('event_type', 'like', 'part.%').execute();
    expect(audit.map((row) => row.event_type)).toEqual(['part.created']);
  });

  it('edits with compare-and-set on version: the second of two forms loaded at the same version is refused, nothing of the first is lost', async () => {
    const created = await ok<PartDetail>(create(part('COUR-SPZ', 'Courroie SPZ 1000', { suppliers: [{ supplier: 'Optibelt', supplierRef: null, leadTimeDays: 10, unitPriceCents: 900, isPreferred: true }] })));
    const first = await ok<PartDetail>(
      core.call(MANAGER, 'parts:update', { ...part('COUR-SPZ', 'Courroie trapézoïdale SPZ 1000', { unit: 'pce', suppliers: [] }), id: created.id, expectedVersion: created.version }),
    );
    expect(first.version).toBe(2);
    expect(first.suppliers).toEqual([]);
    const second = await core.call(MANAGER, 'parts:update', { ...part('COUR-SPZ', 'Écrasée ?'), id: created.id, expectedVersion: created.version });
    expect(second.ok ? null : second.error.code).toBe('PART_CHANGED_MEANWHILE');
    expect((await ok<PartDetail>(core.call(TECH, 'parts:get', { code: 'COUR-SPZ' }))).designation).toBe('Courroie trapézoïdale SPZ 1000');

    await ok(create(part('FILT-01', 'Filtre à huile')));
    const rename = await core.call(MANAGER, 'parts:update', { ...part('filt-01', 'x'), id: created.id, expectedVersion: 2 });
    expect(rename.ok ? null : rename.error.code).toBe('PART_CODE_TAKEN');
  });

  it('searches folded text on référence, désignation and référence fabricant, and pages by keyset without gaps or repeats', async () => {
    for (let i = 0; i < 120; i++) await ok(create(part(`P-${String(i).padStart(3, '0')}`, i % 2 === 0 ? `Joint torique ${i}` : `Capteur inductif ${i}`, { manufacturerRef: `MR-${i}-ÉTÉ` })));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ cursor });
      seen.push(...page.rows.map((row) => row.code));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect(seen).toEqual([...seen].sort());

    expect((await list({ text: 'CAPTEUR INDUCTIF 11' })).rows.map((row) => row.code)).toEqual(['P-011', 'P-111', 'P-113', 'P-115', 'P-117', 'P-119']);
    expect((await list({ text: 'mr-7-ete' })).rows.map((row) => row.code)).toEqual(['P-007']);
    expect((await list({ text: 'p-05' })).rows).toHaveLength(10);
    expect(await ok(core.call(TECH, 'parts:lookup', { text: 'p-042' }))).toEqual({ exact: { code: 'P-042' } });
    expect(await ok(core.call(TECH, 'parts:lookup', { text: 'P-9999' }))).toEqual({ exact: null });
  });

  it('shows stock summed over bins and stores, and available = stock − open reservations (minus what they issued), with the below-minimum filter', async () => {
    const now = core.clock.now();
    const a = await ok<PartDetail>(create(part('ROUL-A', 'Roulement A', { category: 'Roulements' })));
    const b = await ok<PartDetail>(create(part('HUILE-B', 'Huile B', { unit: 'L', category: 'Lubrifiants' })));
    await ok(create(part('JOINT-C', 'Joint C', { category: 'Joints' })));
    const fixtures = new PartsStockFixturesRepository(core.database.kysely);
    const mag1 = await fixtures.store('MAG-01', 'Magasin central', now);
    const mag2 = await fixtures.store('MAG-02', 'Magasin atelier', now);
    const bin11 = await fixtures.bin(mag1, 'A-01-1', null, now);
    const bin12 = await fixtures.bin(mag1, 'A-01-2', null, now);
    const bin21 = await fixtures.bin(mag2, 'B-01', null, now);
    await fixtures.balance(a.id, bin11, 4000, now);
    await fixtures.balance(a.id, bin12, 2000, now);
    await fixtures.balance(a.id, bin21, 1000, now);
    await fixtures.balance(b.id, bin11, 12_500, now);
    const equipment = await ok<{ id: number }>(
      core.call(MANAGER, 'equipment:create', { code: 'PR-01', designation: 'Presse', locationId: null, parentCode: null, category: null, criticality: 'B', status: 'in_service', manufacturer: null, model: null, serialNumber: null, commissionedOn: null, notes: null }),
    );
    const wo1 = await fixtures.workOrder(equipment.id, 'OT-T-1', now);
    const wo2 = await fixtures.workOrder(equipment.id, 'OT-T-2', now);
    const wo3 = await fixtures.workOrder(equipment.id, 'OT-T-3', now);
    await fixtures.reservation(wo1, a.id, mag1, 3000, 1000, 'open', now); // still holds 2
    await fixtures.reservation(wo2, a.id, mag2, 500, 0, 'open', now); // holds 0.5
    await fixtures.reservation(wo3, a.id, mag1, 4000, 0, 'released', now); // holds nothing
    await fixtures.reservation(wo1, b.id, mag1, 2500, 0, 'open', now);
    await fixtures.level(a.id, mag1, 5000, 10_000); // MAG-01: 6 in stock − 2 reserved = 4 < 5 → below
    await fixtures.level(b.id, mag1, 10_000, null); // 12.5 − 2.5 = 10, not below 10

    const rows = (await list()).rows;
    const byCode = Object.fromEntries(rows.map((row) => [row.code, [row.stockMilli, row.availableMilli, row.belowMin]]));
    expect(byCode).toEqual({ 'HUILE-B': [12_500, 10_000, false], 'JOINT-C': [0, 0, false], 'ROUL-A': [7000, 4500, true] });
    expect((await list({ belowMin: true })).rows.map((row) => row.code)).toEqual(['ROUL-A']);
    expect((await list({ category: 'Joints' })).rows.map((row) => row.code)).toEqual(['JOINT-C']);
    expect(await ok(core.call(TECH, 'parts:categories', undefined))).toEqual(['Joints', 'Lubrifiants', 'Roulements']);

    const detail = await ok<PartDetail>(core.call(TECH, 'parts:get', { code: 'ROUL-A' }));
    expect(detail.stock).toEqual([
      { storeCode: 'MAG-01', storeName: 'Magasin central', binCode: 'A-01-1', quantityMilli: 4000 },
      { storeCode: 'MAG-01', storeName: 'Magasin central', binCode: 'A-01-2', quantityMilli: 2000 },
      { storeCode: 'MAG-02', storeName: 'Magasin atelier', binCode: 'B-01', quantityMilli: 1000 },
    ]);
    expect(detail.stores).toEqual([
      { storeCode: 'MAG-01', storeName: 'Magasin central', stockMilli: 6000, reservedMilli: 2000, availableMilli: 4000, minMilli: 5000, maxMilli: 10_000 },
      { storeCode: 'MAG-02', storeName: 'Magasin atelier', stockMilli: 1000, reservedMilli: 500, availableMilli: 500, minMilli: null, maxMilli: null },
    ]);
    expect([detail.stockMilli, detail.availableMilli]).toEqual([7000, 4500]);

    // Where-used, both ways: the equipment page's panel lists the part with what is available.
    const linked = await ok<PartDetail>(core.call(MANAGER, 'parts:addEquipment', { partId: a.id, equipmentCode: 'pr-01' }));
    expect(linked.whereUsed.map((e) => e.code)).toEqual(['PR-01']);
    await ok(core.call(MANAGER, 'parts:addEquipment', { partId: a.id, equipmentCode: 'PR-01' }));
    expect(await ok(core.call(TECH, 'parts:forEquipment', { equipmentId: equipment.id }))).toEqual([{ id: a.id, code: 'ROUL-A', designation: 'Roulement A', unit: 'pce', availableMilli: 4500 }]);
    const unknown = await core.call(MANAGER, 'parts:addEquipment', { partId: a.id, equipmentCode: 'NOPE' });
    expect(unknown.ok ? null : unknown.error.code).toBe('EQUIPMENT_NOT_FOUND');
    const byTech = await core.call(TECH, 'parts:addEquipment', { partId: a.id, equipmentCode: 'PR-01' });
    expect(byTech.ok ? null : byTech.error.code).toBe('FORBIDDEN');
    const unlinked = await ok<PartDetail>(core.call(MANAGER, 'parts:removeEquipment', { partId: a.id, equipmentId: equipment.id }));
    expect(unlinked.whereUsed).toEqual([]);
  });
});
