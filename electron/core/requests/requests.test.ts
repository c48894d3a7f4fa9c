// Node (tests). The DI channels through the real dispatcher on the engine of this pass: the public report and
// lookup (sizes, photo types, throttle per workstation, the locked session left alone), Mes demandes, who sees
// which DI, and triage (accept → OT with the DI's text and photos, refuse with a reason, doublon, cancel), with
// compare-and-set against two managers deciding at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../tests/support/test-core';
import { auditEntries, countRows } from '../../../tests/support/mail-fixtures';
import { EquipmentRepository } from '../equipment';
import type { Role } from '../../../shared/contract/roles';
import { PHOTO_MAX_BASE64_LENGTH, PHOTO_MAX_BYTES } from '../../../shared/requests/contract';

const MIN = 60_000;
let core: TestCore;
let pressId: number;

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const b64 = (bytes: Buffer) => bytes.toString('base64');

const report = (windowId: string, overrides: Record<string, unknown> = {}) =>
  core.call(windowId, 'requests:report', { equipmentCode: 'PR-003', symptom: 'Fuite d’huile sur le vérin', machineStopped: false, ...overrides } as never);

async function addPerson(username: string, role: Role, windowId: string | null): Promise<number> {
  const db = core.database.kysely;
  const admin = await db.selectFrom('users').select('password_hash').where('username', '=', ADMIN_INPUT.username).executeTakeFirstOrThrow();
  const row = await db
    .insertInto('users')
    .values({ username, display_name: username, role, password_hash: admin.password_hash, password_changed_at: 0, created_at: 0, updated_at: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (windowId) await signIn(windowId, username);
  return Number(row.id);
}

async function signIn(windowId: string, username: string) {
  const login = await core.call(windowId, 'auth:login', { identifier: username, password: ADMIN_INPUT.password });
  expect(login.ok).toBe(true);
}

async function requestRow(number: string) {
  return core.database.kysely.selectFrom('work_requests').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
}

async function filed(windowId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const result = await report(windowId, overrides);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return (result.data as { number: string }).number;
}

beforeEach(async () => {
  core = await createTestCore();
  await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  const db = core.database.kysely;
  const location = await db.insertInto('locations').values({ code: 'AT-1', name: 'Atelier injection', kind: 'zone', parent_id: null, created_at: 0, updated_at: 0 }).returning('id').executeTakeFirstOrThrow();
  const equipment = new EquipmentRepository(db);
  const base = { parent_id: null, category: null, manufacturer: 'Arburg', model: 'X', serial_number: 'SN-SECRET-1', commissioned_on: null, notes: 'Note interne', created_at: 0, updated_at: 0 };
  pressId = await equipment.insert({ ...base, code: 'PR-003', designation: 'Presse à injecter 3', location_id: Number(location.id) });
  await equipment.insert({ ...base, code: 'PR-0031', designation: 'Presse auxiliaire', location_id: null });
  for (let i = 1; i <= 12; i++) await equipment.insert({ ...base, code: `CV-${String(i).padStart(2, '0')}`, designation: `Convoyeur ${i} à bande`, location_id: null });
});
afterEach(() => core.dispose());

describe('requests:report (public)', () => {
  it('files a DI without a session: numbered from the sequence, no reporter account, the workstation, audited without actor', async () => {
    await signIn('watcher', ADMIN_INPUT.username);
    const result = await report('kiosk', { symptom: '   Bruit anormal au démarrage  ', reporterName: ' Paul (équipe B) ' });
    expect(result).toEqual({ ok: true, data: { number: 'DI-2026-000001', queued: false } });
    expect(await filed('kiosk')).toBe('DI-2026-000002');
    const row = await requestRow('DI-2026-000001');
    expect(row).toMatchObject({ symptom: 'Bruit anormal au démarrage', reporter_name: 'Paul (équipe B)', reporter_user_id: null, workstation: 'POSTE-TEST', status: 'new', machine_stopped: 0, downtime_id: null });
    expect(Number(row.equipment_id)).toBe(pressId);
    const audit = await core.database.kysely.selectFrom('audit_log').selectAll().where('event_type', '=', 'request.reported').orderBy('id').execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actor_user_id: null, workstation: 'POSTE-TEST', subject_label: 'DI-2026-000001' });
    // Signed-in windows refetch their DI lists; the anonymous window is told nothing.
    expect(core.events.filter((e) => e.event === 'data:changed').map((e) => e.windowId)).toEqual(['watcher', 'watcher']);
    expect(core.events.find((e) => e.event === 'data:changed')?.payload).toEqual({ topics: ['requests'] });
  });

  it('records the signed-in reporter', async () => {
    const id = await addPerson('op.marie', 'requester', 'w-marie');
    const number = await filed('w-marie');
    expect(Number((await requestRow(number)).reporter_user_id)).toBe(id);
    expect((await auditEntries(core, 'request.reported')).length).toBe(1);
    const audit = await core.database.kysely.selectFrom('audit_log').select('actor_user_id').where('event_type', '=', 'request.reported').executeTakeFirstOrThrow();
    expect(Number(audit.actor_user_id)).toBe(id);
  });

  it('refuses an unknown equipment with EQUIPMENT_NOT_FOUND and writes nothing', async () => {
    const result = await report('kiosk', { equipmentCode: 'XX-999' });
    expect(result).toMatchObject({ ok: false, error: { code: 'EQUIPMENT_NOT_FOUND', fields: [{ path: 'equipmentCode', code: 'validation.equipmentUnknown' }] } });
    expect(await countRows(core, 'work_requests')).toBe(0);
    expect(await filed('kiosk')).toBe('DI-2026-000001');
  });

  it('finds the equipment by code whatever its case', async () => {
    expect(await filed('kiosk', { equipmentCode: ' pr-003 ' })).toBe('DI-2026-000001');
  });

  it('bounds every field: symptom required and ≤ 2000, name ≤ 80, "machine à l’arrêt" required', async () => {
    const refused = async (overrides: Record<string, unknown>, path: string) => {
      const result = await report('kiosk', overrides);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('VALIDATION_FAILED');
        expect(result.error.fields?.map((f) => f.path)).toContain(path);
      }
    };
    await refused({ symptom: '   ' }, 'symptom');
    await refused({ symptom: 'x'.repeat(2001) }, 'symptom');
    await refused({ reporterName: 'n'.repeat(81) }, 'reporterName');
    await refused({ machineStopped: undefined }, 'machineStopped');
    await refused({ machineStopped: 'oui' }, 'machineStopped');
    expect(await filed('kiosk', { symptom: 'x'.repeat(2000), reporterName: 'n'.repeat(80) })).toBe('DI-2026-000001');
    expect(await countRows(core, 'work_requests')).toBe(1);
  });

  it('keeps a JPEG, PNG or WebP photo as an attachment of the DI, typed by its first bytes', async () => {
    const number = await filed('kiosk', { photo: { fileName: 'C:\\Users\\op\\IMG_0042.gif', dataBase64: b64(PNG) } });
    const row = await requestRow(number);
    const attachments = await core.database.kysely.selectFrom('attachments').selectAll().where('owner_kind', '=', 'request').where('owner_id', '=', row.id).execute();
    expect(attachments).toHaveLength(1);
    expect(attachments[0]).toMatchObject({ file_name: 'IMG_0042.png', mime_type: 'image/png', size: PNG.length });
    expect(Buffer.from(attachments[0].content).equals(PNG)).toBe(true);
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
    await filed('kiosk', { photo: { fileName: 'a.webp', dataBase64: b64(webp) } });
    await filed('kiosk', { photo: { fileName: 'a.jpg', dataBase64: b64(JPEG) } });
    expect((await core.database.kysely.selectFrom('attachments').select('mime_type').orderBy('id').execute()).map((a) => a.mime_type)).toEqual(['image/png', 'image/webp', 'image/jpeg']);
  });

  it('refuses a photo that is not an image, is not base64, or weighs more than 5 MB, and writes nothing', async () => {
    const photoError = async (dataBase64: string) => {
      const result = await report('kiosk', { photo: { fileName: 'x.jpg', dataBase64 } });
      expect(result.ok).toBe(false);
      return result.ok ? null : { code: result.error.code, fields: result.error.fields };
    };
    expect(await photoError(b64(Buffer.from('%PDF-1.7 not a photo')))).toEqual({ code: 'VALIDATION_FAILED', fields: [{ path: 'photo', code: 'validation.photoInvalid' }] });
    expect(await photoError(b64(Buffer.from('GIF89a......')))).toEqual({ code: 'VALIDATION_FAILED', fields: [{ path: 'photo', code: 'validation.photoInvalid' }] });
    expect(await photoError('!!!not base64!!!')).toEqual({ code: 'VALIDATION_FAILED', fields: [{ path: 'photo', code: 'validation.photoInvalid' }] });
    const big = Buffer.alloc(PHOTO_MAX_BYTES + 1);
    JPEG.copy(big);
    expect(await photoError(b64(big))).toEqual({ code: 'VALIDATION_FAILED', fields: [{ path: 'photo', code: 'validation.photoTooLarge' }] });
    // Longer still: zod refuses the text before anything is decoded.
    expect(await photoError('A'.repeat(PHOTO_MAX_BASE64_LENGTH + 4))).toEqual({ code: 'VALIDATION_FAILED', fields: [{ path: 'photo.dataBase64', code: 'validation.photoTooLarge' }] });
    const exact = Buffer.alloc(PHOTO_MAX_BYTES);
    JPEG.copy(exact);
    expect(await countRows(core, 'work_requests')).toBe(0);
    expect(await countRows(core, 'attachments')).toBe(0);
    expect(await filed('kiosk', { photo: { fileName: 'max.jpg', dataBase64: b64(exact) } })).toBe('DI-2026-000001');
  });

  it('"machine à l’arrêt" opens one downtime and stops the equipment, even for two DIs on the same machine', async () => {
    const first = await filed('kiosk', { machineStopped: true });
    const startedAt = core.clock.now();
    core.clock.advance(5 * MIN);
    const second = await filed('kiosk', { machineStopped: true });
    const downtimes = await core.database.kysely.selectFrom('downtimes').selectAll().where('equipment_id', '=', pressId).execute();
    expect(downtimes).toHaveLength(1);
    expect(downtimes[0]).toMatchObject({ ended_at: null });
    expect(Number(downtimes[0].started_at)).toBe(startedAt);
    expect(Number(downtimes[0].request_id)).toBe(Number((await requestRow(first)).id));
    expect(Number((await requestRow(first)).downtime_id)).toBe(Number(downtimes[0].id));
    expect(Number((await requestRow(second)).downtime_id)).toBe(Number(downtimes[0].id));
    const equipment = await core.database.kysely.selectFrom('equipment').select('status').where('id', '=', pressId).executeTakeFirstOrThrow();
    expect(equipment.status).toBe('stopped');
    // A running machine reported without a stop stays in service.
    await filed('kiosk', { equipmentCode: 'CV-01', machineStopped: false });
    expect((await core.database.kysely.selectFrom('equipment').select('status').where('code', '=', 'CV-01').executeTakeFirstOrThrow()).status).toBe('in_service');
  });

  it('publishes requests, downtimes and equipment after a stop', async () => {
    await signIn('watcher', ADMIN_INPUT.username);
    await filed('kiosk', { machineStopped: true, photo: { fileName: 'p.jpg', dataBase64: b64(JPEG) } });
    expect(core.events.filter((e) => e.event === 'data:changed').map((e) => e.payload)).toEqual([{ topics: ['requests', 'downtimes', 'equipment', 'attachments'] }]);
  });
});

describe('requests:lookupEquipment (public)', () => {
  it('answers code, designation and location name only, the exact code first, at most 8', async () => {
    const exact = await core.call('kiosk', 'requests:lookupEquipment', { text: 'pr-003' });
    expect(exact).toEqual({
      ok: true,
      data: [
        { code: 'PR-003', designation: 'Presse à injecter 3', locationName: 'Atelier injection' },
        { code: 'PR-0031', designation: 'Presse auxiliaire', locationName: null },
      ],
    });
    const text = await core.call('kiosk', 'requests:lookupEquipment', { text: 'CONVOYEUR A BANDE' });
    expect(text.ok && text.data.length).toBe(0);
    const some = await core.call('kiosk', 'requests:lookupEquipment', { text: 'convoyeur' });
    expect(some.ok && some.data.map((e) => e.code)).toEqual(['CV-01', 'CV-02', 'CV-03', 'CV-04', 'CV-05', 'CV-06', 'CV-07', 'CV-08']);
    const accents = await core.call('kiosk', 'requests:lookupEquipment', { text: 'PRESSE A INJ' });
    expect(accents.ok && accents.data.map((e) => e.code)).toEqual(['PR-003']);
    expect(accents.ok && Object.keys(accents.data[0]).sort()).toEqual(['code', 'designation', 'locationName']);
  });

  it('refuses an empty or oversized text', async () => {
    expect(await core.call('kiosk', 'requests:lookupEquipment', { text: '  ' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await core.call('kiosk', 'requests:lookupEquipment', { text: 'x'.repeat(65) })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});

describe('throttle per workstation', () => {
  it('allows 10 reports in 10 minutes, refuses the 11th with when to retry, and lets it through once the window passes', async () => {
    for (let i = 0; i < 10; i++) await filed('kiosk');
    core.clock.advance(4 * MIN);
    const refused = await report('kiosk');
    expect(refused).toMatchObject({ ok: false, error: { code: 'REQUEST_THROTTLED', details: { retryAfterSeconds: 360 } } });
    expect(await countRows(core, 'work_requests')).toBe(10);
    // Another anonymous window of the same workstation shares the count.
    expect(await report('kiosk-2')).toMatchObject({ ok: false, error: { code: 'REQUEST_THROTTLED' } });
    // A signed-in person counts under their own account: the flood at the login screen doesn't stop them.
    await addPerson('op.marie', 'requester', 'w-marie');
    expect((await report('w-marie')).ok).toBe(true);
    core.clock.advance(6 * MIN);
    expect((await report('kiosk')).ok).toBe(true);
  });

  it('counts atomically: 15 reports at once, exactly 10 pass', async () => {
    const results = await Promise.all(Array.from({ length: 15 }, (_, i) => report(`kiosk-${i}`)));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(Array(5).fill('REQUEST_THROTTLED'));
    expect(await countRows(core, 'work_requests')).toBe(10);
  });

  it('allows 60 lookups a minute', async () => {
    for (let i = 0; i < 60; i++) expect((await core.call('kiosk', 'requests:lookupEquipment', { text: 'PR' })).ok).toBe(true);
    expect(await core.call('kiosk', 'requests:lookupEquipment', { text: 'PR' })).toMatchObject({ ok: false, error: { code: 'REQUEST_THROTTLED', details: { retryAfterSeconds: 60 } } });
    // Lookups and reports count apart.
    expect((await report('kiosk')).ok).toBe(true);
    core.clock.advance(MIN);
    expect((await core.call('kiosk', 'requests:lookupEquipment', { text: 'PR' })).ok).toBe(true);
  });

  it('shares no key with the login throttle: a name typed at login cannot touch the DI counter', async () => {
    for (let i = 0; i < 12; i++) await core.call('kiosk', 'auth:login', { identifier: 'DI-REPORT:POSTE-TEST', password: 'wrong password' });
    expect((await report('kiosk')).ok).toBe(true);
    const keys = (await core.database.kysely.selectFrom('login_throttle').select('identifier').orderBy('identifier').execute()).map((r) => r.identifier);
    expect(keys).toEqual(['DI-REPORT:POSTE-TEST', 'di-report:poste-test']);
  });

  it('an administrator clears a workstation\'s DI counter from Sécurité ("Débloquer"), as the list shows it', async () => {
    for (let i = 0; i < 10; i++) await report('kiosk');
    expect(await report('kiosk')).toMatchObject({ ok: false, error: { code: 'REQUEST_THROTTLED' } });
    await signIn('admin-w', ADMIN_INPUT.username);
    const listed = await core.call('admin-w', 'security:listThrottled');
    expect(listed.ok && listed.data.map((row) => row.identifier)).toContain('DI-REPORT:POSTE-TEST');
    expect((await core.call('admin-w', 'security:clearThrottle', { identifier: 'DI-REPORT:POSTE-TEST' })).ok).toBe(true);
    expect((await report('kiosk')).ok).toBe(true);
  });
});

describe('the locked session is left alone', () => {
  it('a report from the lock screen neither ends, unlocks nor touches the locked session; the same user comes back to the same state', async () => {
    await signIn('w1', ADMIN_INPUT.username);
    expect((await core.call('w1', 'drafts:save', { formKey: 'requests:new', data: { symptom: 'en cours de saisie' } })).ok).toBe(true);
    expect((await core.call('w1', 'session:lock')).ok).toBe(true);
    const sessionEventsBefore = core.events.filter((e) => e.windowId === 'w1' && e.event.startsWith('session:')).length;
    const auditBefore = (await auditEntries(core)).map((e) => e.eventType);

    const number = await filed('w1', { machineStopped: true });

    // Filed as nobody: the locked user is not its reporter.
    expect((await requestRow(number)).reporter_user_id).toBeNull();
    // Still locked: no signed-in channel answers, the state says nobody.
    expect(await core.call('w1', 'session:getTiming')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await core.call('w1', 'app:getState')).toMatchObject({ ok: true, data: { user: null } });
    expect(core.events.filter((e) => e.windowId === 'w1' && e.event.startsWith('session:')).length).toBe(sessionEventsBefore);
    expect((await auditEntries(core)).map((e) => e.eventType)).toEqual([...auditBefore, 'request.reported']);

    await signIn('w1', ADMIN_INPUT.username);
    expect(await core.call('w1', 'drafts:get', { formKey: 'requests:new' })).toMatchObject({ ok: true, data: { data: { symptom: 'en cours de saisie' } } });
  });
});

describe('Mes demandes and one DI', () => {
  it('lists only my DIs, newest first, page by page', async () => {
    await addPerson('op.marie', 'requester', 'w-marie');
    await addPerson('op.luc', 'requester', 'w-luc');
    const mine: string[] = [];
    for (let i = 0; i < 5; i++) {
      mine.push(await filed('w-marie', { symptom: `Panne ${i}` }));
      await filed('w-luc');
    }
    const first = await core.call('w-marie', 'requests:mine', { limit: 3 });
    expect(first.ok && first.data.items.map((r) => r.number)).toEqual(mine.slice(2).reverse());
    const cursor = first.ok ? first.data.nextCursor : null;
    expect(cursor).not.toBeNull();
    const second = await core.call('w-marie', 'requests:mine', { limit: 3, cursor: cursor as number });
    expect(second.ok && second.data.items.map((r) => r.number)).toEqual(mine.slice(0, 2).reverse());
    expect(second.ok && second.data.nextCursor).toBeNull();
    expect(first.ok && first.data.items[0]).toMatchObject({ status: 'new', equipmentCode: 'PR-003', equipmentDesignation: 'Presse à injecter 3', locationName: 'Atelier injection', symptom: 'Panne 4', refusalReason: null, workOrderNumber: null });
    expect(await core.call('kiosk', 'requests:mine', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('shows any DI to maintainers, and to a requester only their own (NOT_FOUND otherwise)', async () => {
    await addPerson('op.marie', 'requester', 'w-marie');
    await addPerson('op.luc', 'requester', 'w-luc');
    await addPerson('tech.lea', 'technician', 'w-tech');
    const marie = await filed('w-marie', { machineStopped: true, photo: { fileName: 'fuite.jpg', dataBase64: b64(JPEG) } });
    const anonymous = await filed('kiosk');
    const own = await core.call('w-marie', 'requests:get', { number: marie });
    expect(own).toMatchObject({
      ok: true,
      data: { number: marie, machineStopped: true, reporterDisplayName: 'op.marie', downtime: { endedAt: null }, attachments: [{ fileName: 'fuite.jpg', mimeType: 'image/jpeg', size: JPEG.length }], allowed: { cancel: true, accept: false, refuse: false, markDuplicate: false } },
    });
    expect(await core.call('w-luc', 'requests:get', { number: marie })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await core.call('w-luc', 'requests:get', { number: anonymous })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await core.call('w-luc', 'requests:get', { number: 'DI-2026-009999' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await core.call('w-tech', 'requests:get', { number: marie })).toMatchObject({ ok: true, data: { allowed: { cancel: false, accept: false } } });
    await signIn('w-admin', ADMIN_INPUT.username);
    expect(await core.call('w-admin', 'requests:get', { number: anonymous })).toMatchObject({ ok: true, data: { reporterDisplayName: null, allowed: { accept: true, refuse: true, markDuplicate: true, cancel: false } } });
  });
});

describe('triage', () => {
  beforeEach(async () => {
    await addPerson('op.marie', 'requester', 'w-marie');
    await addPerson('chef.paul', 'maintenance_manager', 'w-chef');
    await signIn('w-admin', ADMIN_INPUT.username);
  });

  it('accept: creates the OT from the DI (text, equipment, photos), links them, answers the OT number, audits and publishes', async () => {
    const techId = await addPerson('tech.lea', 'technician', null);
    const number = await filed('w-marie', { symptom: 'Fuite d’huile sur le vérin\nCôté opérateur, flaque au sol', machineStopped: true, photo: { fileName: 'fuite.jpg', dataBase64: b64(JPEG) } });
    core.events.length = 0;
    const plannedAt = Date.UTC(2026, 0, 16, 7);
    const accepted = await core.call('w-chef', 'requests:accept', { number, type: 'corrective', priority: 1, plannedAt, assigneeIds: [techId] });
    expect(accepted).toEqual({ ok: true, data: { workOrderNumber: 'OT-2026-000001' } });
    const request = await requestRow(number);
    const order = await core.database.kysely.selectFrom('work_orders').selectAll().where('number', '=', 'OT-2026-000001').executeTakeFirstOrThrow();
    expect(order).toMatchObject({ type: 'corrective', priority: 1, title: 'Fuite d’huile sur le vérin', description: 'Fuite d’huile sur le vérin\nCôté opérateur, flaque au sol', status: 'planned' });
    expect(Number(order.request_id)).toBe(Number(request.id));
    expect(Number(order.equipment_id)).toBe(pressId);
    expect(Number(order.planned_at)).toBe(plannedAt);
    expect(request).toMatchObject({ status: 'accepted' });
    expect(Number(request.work_order_id)).toBe(Number(order.id));
    const copies = await core.database.kysely.selectFrom('attachments').selectAll().where('owner_kind', '=', 'work_order').where('owner_id', '=', order.id).execute();
    expect(copies.map((c) => [c.file_name, c.mime_type, Buffer.from(c.content).equals(JPEG)])).toEqual([['fuite.jpg', 'image/jpeg', true]]);
    expect(await countRows(core, 'attachments', "owner_kind = 'request'")).toBe(1);
    // The downtime stays open until the OT finishes.
    expect(await countRows(core, 'downtimes', 'ended_at is null')).toBe(1);
    expect((await auditEntries(core, 'request.accepted'))[0].details).toMatchObject({ number, workOrder: 'OT-2026-000001' });
    expect(core.events.find((e) => e.event === 'data:changed')?.payload).toEqual({ topics: ['requests', 'work-orders', 'attachments'] });
    const mine = await core.call('w-marie', 'requests:mine', {});
    expect(mine.ok && mine.data.items[0]).toMatchObject({ status: 'accepted', workOrderNumber: 'OT-2026-000001', decidedByDisplayName: 'chef.paul' });
    // Final: it can't be accepted, refused or cancelled again.
    expect(await core.call('w-admin', 'requests:accept', { number, type: 'corrective', priority: 2 })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(await core.call('w-admin', 'requests:refuse', { number, reason: 'non' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(await core.call('w-marie', 'requests:cancel', { number })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(await countRows(core, 'work_orders')).toBe(1);
  });

  it('accept: two managers at once, one OT', async () => {
    const number = await filed('w-marie');
    const results = await Promise.all([
      core.call('w-chef', 'requests:accept', { number, type: 'corrective', priority: 2 }),
      core.call('w-admin', 'requests:accept', { number, type: 'safety', priority: 1 }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(await countRows(core, 'work_orders')).toBe(1);
    expect((await auditEntries(core, 'request.accepted')).length).toBe(1);
  });

  it('accept: only managers, only real maintainers as assignees, no preventive type', async () => {
    const number = await filed('w-marie');
    await addPerson('tech.lea', 'technician', 'w-tech');
    expect(await core.call('w-tech', 'requests:accept', { number, type: 'corrective', priority: 2 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call('w-marie', 'requests:accept', { number, type: 'corrective', priority: 2 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const marieId = Number((await core.database.kysely.selectFrom('users').select('id').where('username', '=', 'op.marie').executeTakeFirstOrThrow()).id);
    expect(await core.call('w-chef', 'requests:accept', { number, type: 'corrective', priority: 2, assigneeIds: [marieId] })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'assigneeIds' }] } });
    expect(await core.call('w-chef', 'requests:accept', { number, type: 'preventive' as never, priority: 2 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await core.call('w-chef', 'requests:accept', { number, type: 'corrective', priority: 5 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await countRows(core, 'work_orders')).toBe(0);
    expect((await requestRow(number)).status).toBe('new');
  });

  it('refuse: a reason is required, and the requester sees it', async () => {
    const number = await filed('w-marie');
    expect(await core.call('w-chef', 'requests:refuse', { number, reason: '  ' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await core.call('w-marie', 'requests:refuse', { number, reason: 'moi-même' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call('w-chef', 'requests:refuse', { number, reason: 'Réglage normal : voir la notice p. 12' })).toEqual({ ok: true, data: null });
    const mine = await core.call('w-marie', 'requests:mine', {});
    expect(mine.ok && mine.data.items[0]).toMatchObject({ status: 'refused', refusalReason: 'Réglage normal : voir la notice p. 12' });
    expect((await auditEntries(core, 'request.refused'))[0].details).toMatchObject({ number, reason: 'Réglage normal : voir la notice p. 12' });
  });

  it('doublon: links to the other DI, never to itself or through a chain to a cancelled one', async () => {
    const a = await filed('w-marie');
    const b = await filed('w-marie');
    const c = await filed('w-marie');
    const d = await filed('kiosk');
    expect(await core.call('w-chef', 'requests:markDuplicate', { number: a, duplicateOf: a })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'duplicateOf', code: 'validation.duplicateSelf' }] } });
    expect(await core.call('w-chef', 'requests:markDuplicate', { number: a, duplicateOf: 'DI-2026-000999' })).toMatchObject({ ok: false, error: { fields: [{ code: 'validation.requestUnknown' }] } });
    // b duplicates c; then c is cancelled by its reporter: a can no longer be a duplicate of b.
    expect(await core.call('w-chef', 'requests:markDuplicate', { number: b, duplicateOf: c })).toEqual({ ok: true, data: null });
    expect((await core.call('w-marie', 'requests:cancel', { number: c })).ok).toBe(true);
    expect(await core.call('w-chef', 'requests:markDuplicate', { number: a, duplicateOf: b })).toMatchObject({ ok: false, error: { fields: [{ code: 'validation.duplicateCancelled' }] } });
    expect(await core.call('w-chef', 'requests:markDuplicate', { number: a, duplicateOf: c })).toMatchObject({ ok: false, error: { fields: [{ code: 'validation.duplicateCancelled' }] } });
    // d duplicates b → c? No: c is cancelled. d duplicates a (new): fine, and a chain resolves to its end.
    expect(await core.call('w-chef', 'requests:markDuplicate', { number: d, duplicateOf: a })).toEqual({ ok: true, data: null });
    const e = await filed('kiosk');
    expect(await core.call('w-chef', 'requests:markDuplicate', { number: e, duplicateOf: d })).toEqual({ ok: true, data: null });
    const view = await core.call('w-chef', 'requests:get', { number: e });
    expect(view).toMatchObject({ ok: true, data: { status: 'duplicate', duplicateOfNumber: a } });
    expect(await core.call('w-marie', 'requests:markDuplicate', { number: a, duplicateOf: d })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('cancel: only the reporter, only while new', async () => {
    const number = await filed('w-marie');
    const anonymous = await filed('kiosk');
    await addPerson('op.luc', 'requester', 'w-luc');
    expect(await core.call('w-luc', 'requests:cancel', { number })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await core.call('w-chef', 'requests:cancel', { number })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call('w-chef', 'requests:cancel', { number: anonymous })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call('w-marie', 'requests:cancel', { number })).toEqual({ ok: true, data: null });
    expect((await requestRow(number)).status).toBe('cancelled');
    expect(await core.call('w-marie', 'requests:cancel', { number })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(await core.call('w-chef', 'requests:accept', { number, type: 'corrective', priority: 2 })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect((await auditEntries(core, 'request.cancelled')).length).toBe(1);
  });
});
