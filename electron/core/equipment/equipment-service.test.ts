// Node (tests). Localisations and équipements through the real dispatcher, on the engine of this pass (SQLite or
// PostgreSQL): codes unique whatever the case, the trees' rules (no cycle, three levels), folded search, stable
// keyset pages, compare-and-set edits, moves that re-stamp open DIs/OTs, and the timeline with downtime durations.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EquipmentDetail, EquipmentFieldsInput, LocationNode } from '../../../shared/equipment/contract';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import { UsersRepository } from '../kernel/identity/users-repository';
import { DowntimesRepository } from './downtimes-repository';

let core: TestCore;
const MANAGER = 'w-manager';
const TECH = 'w-tech';
const REQUESTER = 'w-requester';
const users: Record<string, number> = {};

async function ok<T>(promise: Promise<{ ok: true; data: T } | { ok: false; error: { code: string } }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}`);
  return result.data;
}

async function signInAs(windowId: string, username: string, role: 'technician' | 'requester' | 'maintenance_manager'): Promise<number> {
  const repo = new UsersRepository(core.database.kysely);
  const id = await repo.insert({ username, displayName: username, email: null, role, passwordHash: 'x', mustChangePassword: false, locale: 'fr' }, core.clock.now());
  await core.sessions.start(windowId, (await repo.findById(id))!);
  return id;
}

const fields = (code: string, designation: string, extra: Partial<EquipmentFieldsInput> = {}): EquipmentFieldsInput => ({
  code,
  designation,
  locationId: null,
  parentCode: null,
  category: null,
  criticality: 'B',
  status: 'in_service',
  manufacturer: null,
  model: null,
  serialNumber: null,
  commissionedOn: null,
  notes: null,
  ...extra,
});
const create = (input: EquipmentFieldsInput, windowId = MANAGER) => core.call(windowId, 'equipment:create', input);
const location = (code: string, name: string, parentId: number | null) => ok<LocationNode>(core.call(MANAGER, 'locations:create', { code, name, parentId }));

beforeEach(async () => {
  core = await createTestCore();
  await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  users.manager = await signInAs(MANAGER, 'resp.maint', 'maintenance_manager');
  users.tech = await signInAs(TECH, 'tech.un', 'technician');
  users.requester = await signInAs(REQUESTER, 'demandeur', 'requester');
});
afterEach(async () => {
  await core.dispose();
});

describe(`localisations on ${TEST_ENGINE}`, () => {
  it('builds site → zone → ligne, the kind following the depth, and refuses a fourth level', async () => {
    const site = await location('LYON', 'Usine de Lyon', null);
    const zone = await location('LYON-A1', 'Atelier 1', site.id);
    const line = await location('LYON-A1-L2', 'Ligne 2', zone.id);
    expect([site.kind, zone.kind, line.kind]).toEqual(['site', 'zone', 'line']);
    expect(await core.call(MANAGER, 'locations:create', { code: 'X', name: 'Trop bas', parentId: line.id })).toMatchObject({ ok: false, error: { code: 'LOCATION_TOO_DEEP' } });
    const tree = await ok(core.call(TECH, 'locations:tree', undefined));
    expect(tree.map((n) => [n.code, n.kind, n.parentId])).toEqual([
      ['LYON', 'site', null],
      ['LYON-A1', 'zone', site.id],
      ['LYON-A1-L2', 'line', zone.id],
    ]);
  });

  it('keeps location codes unique whatever the case, renames, and lets only managers write', async () => {
    const site = await location('LYON', 'Usine de Lyon', null);
    expect(await core.call(MANAGER, 'locations:create', { code: 'lyon', name: 'Doublon', parentId: null })).toMatchObject({ ok: false, error: { code: 'LOCATION_CODE_TAKEN' } });
    expect(await core.call(TECH, 'locations:create', { code: 'B', name: 'B', parentId: null })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const renamed = await ok(core.call(MANAGER, 'locations:update', { id: site.id, code: 'LYN', name: 'Lyon Gerland' }));
    expect(renamed).toMatchObject({ code: 'LYN', name: 'Lyon Gerland', kind: 'site' });
    expect(core.events.some((e) => e.event === 'data:changed' && (e.payload as { topics: string[] }).topics.includes('locations'))).toBe(true);
  });
});

describe(`équipements on ${TEST_ENGINE}`, () => {
  it('creates an equipment with every field, audited, and refuses its code in another case (EQUIPMENT_CODE_TAKEN)', async () => {
    const site = await location('LYON', 'Usine de Lyon', null);
    const created = await ok(
      create(fields('PV-001', 'Pompe à vide', { locationId: site.id, category: 'POMPE', criticality: 'A', manufacturer: 'Busch', model: 'R5', serialNumber: 'SN-42', commissionedOn: '2019-03-15', notes: 'Huile tous les 6 mois' })),
    );
    expect(created).toMatchObject({ code: 'PV-001', designation: 'Pompe à vide', criticality: 'A', status: 'in_service', commissionedOn: '2019-03-15', serialNumber: 'SN-42', locationPath: [{ code: 'LYON' }] });
    expect(await create(fields('pv-001', 'Autre'))).toMatchObject({ ok: false, error: { code: 'EQUIPMENT_CODE_TAKEN' } });
    const audit = await core.database.kysely.selectFrom('audit_log').select(['event_type', 'subject_label']).where('event_type', '=', 'equipment.created').execute();
    expect(audit).toEqual([{ event_type: 'equipment.created', subject_label: 'PV-001' }]);
  });

  it('two managers creating the same code at the same moment: one is saved, the other told EQUIPMENT_CODE_TAKEN', async () => {
    const results = await Promise.all([create(fields('PR-9', 'Presse A')), core.call(ADMIN_WINDOW, 'equipment:create', fields('pr-9', 'Presse B'))]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['EQUIPMENT_CODE_TAKEN', 'ok']);
    expect((await ok(core.call(TECH, 'equipment:list', {}))).items).toHaveLength(1);
  });

  it('refuses bad input with field messages: a code with a space, an impossible date, a bad criticality', async () => {
    const result = await create({ ...fields('PV 1', 'x'), commissionedOn: '2023-02-30', criticality: 'D' as 'A' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION_FAILED');
    expect(result.error.fields?.map((f) => `${f.path}:${f.code}`).sort()).toEqual(['code:validation.codeInvalid', 'commissionedOn:validation.dateInvalid', 'criticality:validation.required']);
  });

  it('lets only managers create or edit, and everyone signed in read', async () => {
    await ok(create(fields('PR-1', 'Presse')));
    expect(await create(fields('PR-2', 'Presse'), TECH)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await create(fields('PR-2', 'Presse'), REQUESTER)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await ok(core.call(REQUESTER, 'equipment:get', { code: 'pr-1' }))).code).toBe('PR-1');
    expect((await ok(core.call(REQUESTER, 'equipment:list', {}))).items.map((i) => i.code)).toEqual(['PR-1']);
  });

  it('refuses an unknown parent, a cycle and a fourth level; accepts machine → sous-ensemble → composant', async () => {
    await ok(create(fields('M1', 'Machine')));
    await ok(create(fields('M1-SE', 'Sous-ensemble', { parentCode: 'm1' })));
    const component = await ok(create(fields('M1-SE-C', 'Composant', { parentCode: 'M1-SE' })));
    expect(component.parent).toEqual({ code: 'M1-SE', designation: 'Sous-ensemble' });
    expect(await create(fields('M1-X', 'Niveau 4', { parentCode: 'M1-SE-C' }))).toMatchObject({ ok: false, error: { code: 'EQUIPMENT_PARENT_INVALID', details: { reason: 'too_deep' } } });
    expect(await create(fields('Y', 'Orphelin', { parentCode: 'NOPE' }))).toMatchObject({ ok: false, error: { code: 'EQUIPMENT_PARENT_INVALID', details: { reason: 'unknown' } } });
    // M1 under its own component: a cycle.
    const m1 = await ok(core.call(MANAGER, 'equipment:get', { code: 'M1' }));
    const cycle = await core.call(MANAGER, 'equipment:update', { ...fields('M1', 'Machine', { parentCode: 'M1-SE-C' }), id: m1.id, expectedUpdatedAt: m1.updatedAt });
    expect(cycle).toMatchObject({ ok: false, error: { code: 'EQUIPMENT_PARENT_INVALID', details: { reason: 'cycle' } } });
    // Under itself, too.
    const self = await core.call(MANAGER, 'equipment:update', { ...fields('M1', 'Machine', { parentCode: 'M1' }), id: m1.id, expectedUpdatedAt: m1.updatedAt });
    expect(self).toMatchObject({ ok: false, error: { code: 'EQUIPMENT_PARENT_INVALID', details: { reason: 'cycle' } } });
    // M1 (3 levels tall) under another machine: 4 levels.
    await ok(create(fields('M2', 'Autre machine')));
    const tooDeep = await core.call(MANAGER, 'equipment:update', { ...fields('M1', 'Machine', { parentCode: 'M2' }), id: m1.id, expectedUpdatedAt: m1.updatedAt });
    expect(tooDeep).toMatchObject({ ok: false, error: { code: 'EQUIPMENT_PARENT_INVALID', details: { reason: 'too_deep' } } });
    expect((await ok(core.call(MANAGER, 'equipment:get', { code: 'M1' }))).children).toEqual([{ code: 'M1-SE', designation: 'Sous-ensemble', status: 'in_service' }]);
  });

  it('compare-and-set: the second of two managers saving the same equipment gets EQUIPMENT_CHANGED_MEANWHILE', async () => {
    const loaded = await ok(create(fields('PR-1', 'Presse')));
    core.clock.advance(1000);
    const first = await ok(core.call(MANAGER, 'equipment:update', { ...fields('PR-1', 'Presse 250 t'), id: loaded.id, expectedUpdatedAt: loaded.updatedAt }));
    const second = await core.call(ADMIN_WINDOW, 'equipment:update', { ...fields('PR-1', 'Presse hydraulique'), id: loaded.id, expectedUpdatedAt: loaded.updatedAt });
    expect(second).toMatchObject({ ok: false, error: { code: 'EQUIPMENT_CHANGED_MEANWHILE' } });
    expect((await ok(core.call(MANAGER, 'equipment:get', { code: 'PR-1' }))).designation).toBe(first.designation);
    // Saved again from the fresh version, it goes through, even at the same clock instant.
    const third = await ok(core.call(ADMIN_WINDOW, 'equipment:update', { ...fields('PR-1', 'Presse hydraulique'), id: loaded.id, expectedUpdatedAt: first.updatedAt }));
    expect(third.designation).toBe('Presse hydraulique');
    expect(third.updatedAt).toBeGreaterThan(first.updatedAt);
  });

  it('finds "Pompe à vide" by "POMPE A VIDE", by code in any case, and the scan gives the exact code first', async () => {
    await ok(create(fields('PV-001', 'Pompe à vide')));
    await ok(create(fields('PV-0010', 'Pompe à vide secondaire')));
    await ok(create(fields('CP-1', 'Compresseur')));
    const found = await ok(core.call(TECH, 'equipment:list', { text: 'POMPE A VIDE' }));
    expect(found.items.map((i) => i.code)).toEqual(['PV-001', 'PV-0010']);
    const lookup = await ok(core.call(TECH, 'equipment:lookup', { text: 'pv-001' }));
    expect(lookup.exact?.code).toBe('PV-001');
    expect(lookup.matches.map((m) => m.code)).toEqual(['PV-0010']);
    expect((await ok(core.call(TECH, 'equipment:lookup', { text: 'compres' }))).exact).toBeNull();
  });

  it('pages by code with a stable keyset (50 a page), filters by a location subtree, status, criticality and category', async () => {
    const site = await location('S', 'Site', null);
    const zone = await location('Z', 'Zone', site.id);
    const other = await location('O', 'Autre site', null);
    for (let i = 0; i < 120; i++) {
      const code = `EQ-${String(i).padStart(3, '0')}`;
      await ok(create(fields(code, `Équipement ${i}`, { locationId: i % 2 === 0 ? zone.id : other.id, criticality: i % 3 === 0 ? 'A' : 'C', category: i % 5 === 0 ? 'POMPE' : null })));
    }
    const first = await ok(core.call(TECH, 'equipment:list', {}));
    expect(first.items).toHaveLength(50);
    // A new equipment sorting before the cursor does not shift the next page.
    await ok(create(fields('EQ-000A', 'Inséré entre deux pages')));
    const second = await ok(core.call(TECH, 'equipment:list', { after: first.nextAfter! }));
    const third = await ok(core.call(TECH, 'equipment:list', { after: second.nextAfter! }));
    expect(third.nextAfter).toBeNull();
    const codes = [...first.items, ...second.items, ...third.items].map((i) => i.code);
    expect(codes).toHaveLength(120);
    expect(new Set(codes).size).toBe(120);
    expect(second.items[0]!.code).toBe('EQ-050');
    const inSite = await ok(core.call(TECH, 'equipment:list', { locationId: site.id }));
    expect(inSite.items.every((i) => i.locationLabel === 'Site › Zone')).toBe(true);
    expect(inSite.items).toHaveLength(50);
    const filtered = await ok(core.call(TECH, 'equipment:list', { locationId: site.id, criticality: 'A', category: 'POMPE' }));
    // Even i, multiple of 3 and of 5: multiples of 30 below 120.
    expect(filtered.items.map((i) => i.code)).toEqual(['EQ-000', 'EQ-030', 'EQ-060', 'EQ-090']);
    expect((await ok(core.call(TECH, 'equipment:list', { status: 'scrapped' }))).items).toEqual([]);
  });

  it('moving an equipment re-stamps the location of its open DIs and OTs (and its parts that stood with it)', async () => {
    const a = await location('A', 'Atelier A', null);
    const b = await location('B', 'Atelier B', null);
    const machine = await ok(create(fields('M1', 'Machine', { locationId: a.id })));
    const part = await ok(create(fields('M1-P', 'Pièce', { locationId: a.id, parentCode: 'M1' })));
    const db = core.database.kysely;
    const now = core.clock.now();
    const request = (number: string, equipmentId: number, status: 'new' | 'refused') =>
      db.insertInto('work_requests').values({ number, equipment_id: equipmentId, location_id: a.id, symptom: 'Bruit', machine_stopped: 0, status, workstation: 'P', search_text: '', created_at: now, updated_at: now }).execute();
    const order = (number: string, equipmentId: number, status: 'planned' | 'closed') =>
      db.insertInto('work_orders').values({ number, type: 'corrective', priority: 2, equipment_id: equipmentId, location_id: a.id, title: 'T', status, search_text: '', created_at: now, updated_at: now }).execute();
    await request('DI-1', machine.id, 'new');
    await request('DI-2', machine.id, 'refused');
    await request('DI-3', part.id, 'new');
    await order('OT-1', machine.id, 'planned');
    await order('OT-2', machine.id, 'closed');
    core.clock.advance(1000);
    await ok(core.call(MANAGER, 'equipment:update', { ...fields('M1', 'Machine', { locationId: b.id }), id: machine.id, expectedUpdatedAt: machine.updatedAt }));
    const requests = await db.selectFrom('work_requests').select(['number', 'location_id']).orderBy('number').execute();
    const orders = await db.selectFrom('work_orders').select(['number', 'location_id']).orderBy('number').execute();
    expect(requests.map((r) => [r.number, Number(r.location_id)])).toEqual([['DI-1', b.id], ['DI-2', a.id], ['DI-3', b.id]]);
    expect(orders.map((o) => [o.number, Number(o.location_id)])).toEqual([['OT-1', b.id], ['OT-2', a.id]]);
    expect((await ok(core.call(MANAGER, 'equipment:get', { code: 'M1-P' }))).locationId).toBe(b.id);
    const changed = core.events.filter((e) => e.event === 'data:changed').map((e) => (e.payload as { topics: string[] }).topics);
    expect(changed.at(-1)).toEqual(['equipment', 'requests', 'work-orders']);
  });

  it('shows the open downtime and counts of open DIs/OTs on the page', async () => {
    const machine = await ok(create(fields('M1', 'Machine')));
    await new DowntimesRepository(core.database.kysely).open({ equipmentId: machine.id, at: core.clock.now() - 8_100_000 });
    const detail = await ok(core.call(TECH, 'equipment:get', { code: 'M1' }));
    expect(detail.openDowntime?.startedAt).toBe(core.clock.now() - 8_100_000);
    expect(detail.asOf).toBe(core.clock.now());
    expect((await ok(core.call(TECH, 'equipment:list', {}))).items[0]!.downSince).toBe(core.clock.now() - 8_100_000);
    expect([detail.openRequests, detail.openWorkOrders]).toEqual([0, 0]);
  });

  it('timeline: DIs, OTs and downtimes of the equipment and its parts, newest first, with durations (ongoing counted to now)', async () => {
    const machine: EquipmentDetail = await ok(create(fields('M1', 'Machine')));
    const part = await ok(create(fields('M1-P', 'Pièce', { parentCode: 'M1' })));
    await ok(create(fields('OTHER', 'Autre')));
    const db = core.database.kysely;
    const t0 = core.clock.now() - 10 * 3_600_000;
    const hour = 3_600_000;
    await db.insertInto('work_requests').values({ number: 'DI-2026-000001', equipment_id: machine.id, location_id: null, symptom: 'Fuite huile', machine_stopped: 1, status: 'accepted', workstation: 'P', reporter_user_id: users.requester!, search_text: '', created_at: t0, updated_at: t0 }).execute();
    await db.insertInto('work_requests').values({ number: 'DI-2026-000002', equipment_id: part.id, location_id: null, symptom: 'Bruit', machine_stopped: 0, status: 'new', workstation: 'P', reporter_user_id: users.tech!, search_text: '', created_at: t0 + 5 * hour, updated_at: t0 }).execute();
    await db.insertInto('work_orders').values({ number: 'OT-2026-000001', type: 'corrective', priority: 1, equipment_id: machine.id, location_id: null, title: 'Réparer fuite', status: 'closed', search_text: '', created_at: t0 + hour, updated_at: t0 }).execute();
    const downtimes = new DowntimesRepository(db);
    await downtimes.open({ equipmentId: machine.id, at: t0 });
    await downtimes.close({ equipmentId: machine.id, at: t0 + 2 * hour + 15 * 60_000 });
    await downtimes.open({ equipmentId: part.id, at: t0 + 6 * hour });
    const other = await ok(core.call(MANAGER, 'equipment:get', { code: 'OTHER' }));
    await downtimes.open({ equipmentId: other.id, at: t0 + 7 * hour });

    const timeline = await ok(core.call(TECH, 'equipment:timeline', { code: 'm1' }));
    expect(timeline.includes).toEqual(['M1-P']);
    expect(timeline.entries.map((e) => [e.kind, 'number' in e ? e.number : e.equipmentCode, e.at - t0])).toEqual([
      ['downtime', 'M1-P', 6 * hour],
      ['request', 'DI-2026-000002', 5 * hour],
      ['work_order', 'OT-2026-000001', hour],
      ['request', 'DI-2026-000001', 0],
      ['downtime', 'M1', 0],
    ]);
    const [ongoing, , , , closed] = timeline.entries;
    expect(ongoing).toMatchObject({ kind: 'downtime', endedAt: null, durationMs: 4 * hour });
    expect(closed).toMatchObject({ kind: 'downtime', durationMs: 2 * hour + 15 * 60_000 });

    // A requester sees the downtimes and their own DI only.
    const mine = await ok(core.call(REQUESTER, 'equipment:timeline', { code: 'M1' }));
    expect(mine.entries.map((e) => e.kind + ('number' in e ? `:${e.number}` : ''))).toEqual(['downtime', 'request:DI-2026-000001', 'downtime']);
    expect(await core.call(TECH, 'equipment:timeline', { code: 'NOPE' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

const ADMIN_WINDOW = 'w-admin';
beforeEach(async () => {
  const login = await core.call(ADMIN_WINDOW, 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
  expect(login.ok).toBe(true);
});
