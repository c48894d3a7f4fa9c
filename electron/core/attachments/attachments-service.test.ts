// Node (tests). Pièces jointes through the real dispatcher on the engine of this pass: the rights per owner
// (équipement, DI, OT), the 10 MB limit, the type decided by the bytes (not the name), the name made safe, and the
// content read back byte for byte (BLOB on SQLite, BYTEA on PostgreSQL).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES, type AttachmentInfo } from '../../../shared/attachments/contract';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import { UsersRepository } from '../kernel/identity/users-repository';
import { EquipmentRepository } from '../equipment';

let core: TestCore;
const ids: Record<string, number> = {};
let equipmentId: number;
let requestId: number;
let anonymousRequestId: number;
let workOrderId: number;

export const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 0, 255, 254]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const WEBP = Uint8Array.from([0x52, 0x49, 0x46, 0x46, 20, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20]);
const PDF = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj<<>>endobj\n%%EOF');
const EXE = Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]);
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

async function ok<T>(promise: Promise<{ ok: true; data: T } | { ok: false; error: { code: string } }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}`);
  return result.data;
}

async function user(windowId: string, username: string, role: 'maintenance_manager' | 'technician' | 'requester'): Promise<number> {
  const repo = new UsersRepository(core.database.kysely);
  const id = await repo.insert({ username, displayName: username, email: null, role, passwordHash: 'x', mustChangePassword: false, locale: 'fr' }, core.clock.now());
  await core.sessions.start(windowId, (await repo.findById(id))!);
  return id;
}

const add = (windowId: string, kind: 'equipment' | 'request' | 'work_order', id: number, bytes: Uint8Array, fileName = 'photo.png') =>
  core.call(windowId, 'attachments:add', { owner: { kind, id }, fileName, contentBase64: b64(bytes) });
const list = (windowId: string, kind: 'equipment' | 'request' | 'work_order', id: number) => core.call(windowId, 'attachments:list', { owner: { kind, id } });
const codeOf = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error!.code);

beforeEach(async () => {
  core = await createTestCore();
  await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  ids.manager = await user('manager', 'resp', 'maintenance_manager');
  ids.tech = await user('tech', 'tech.assigne', 'technician');
  ids.otherTech = await user('other-tech', 'tech.autre', 'technician');
  ids.reporter = await user('reporter', 'demandeur', 'requester');
  ids.otherRequester = await user('other-requester', 'voisin', 'requester');
  const db = core.database.kysely;
  const now = core.clock.now();
  equipmentId = await new EquipmentRepository(db).insert({ code: 'PR-1', designation: 'Presse', location_id: null, parent_id: null, category: null, manufacturer: null, model: null, serial_number: null, commissioned_on: null, notes: null, created_at: now, updated_at: now });
  const request = (number: string, reporter: number | null) =>
    db.insertInto('work_requests').values({ number, equipment_id: equipmentId, location_id: null, symptom: 'Fuite', machine_stopped: 0, workstation: 'P', reporter_user_id: reporter, search_text: '', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  requestId = Number((await request('DI-1', ids.reporter!)).id);
  anonymousRequestId = Number((await request('DI-2', null)).id);
  workOrderId = Number(
    (await db.insertInto('work_orders').values({ number: 'OT-1', type: 'corrective', priority: 2, equipment_id: equipmentId, location_id: null, title: 'Fuite', search_text: '', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id,
  );
  await db.insertInto('work_order_assignees').values({ work_order_id: workOrderId, user_id: ids.tech! }).execute();
});
afterEach(async () => {
  await core.dispose();
});

describe(`attachments on ${TEST_ENGINE}`, () => {
  it('stores a photo and a PDF of an equipment and reads them back byte for byte, audited, with a change event', async () => {
    const photo = await ok(add('manager', 'equipment', equipmentId, PNG, 'Vue de face.png'));
    const manual = await ok(add('manager', 'equipment', equipmentId, PDF, 'Notice.pdf'));
    expect(photo).toMatchObject({ fileName: 'Vue de face.png', mimeType: 'image/png', size: PNG.byteLength, canDelete: true });
    const listed = await ok(list('reporter', 'equipment', equipmentId));
    expect(listed.map((a) => [a.fileName, a.mimeType, a.createdBy, a.canDelete])).toEqual([
      ['Vue de face.png', 'image/png', 'resp', false],
      ['Notice.pdf', 'application/pdf', 'resp', false],
    ]);
    for (const [info, bytes] of [[photo, PNG], [manual, PDF]] as [AttachmentInfo, Uint8Array][]) {
      const content = await ok(core.call('tech', 'attachments:download', { id: info.id }));
      expect(Buffer.from(content.contentBase64, 'base64').equals(Buffer.from(bytes))).toBe(true);
      expect(content.mimeType).toBe(info.mimeType);
    }
    const audit = await core.database.kysely.selectFrom('audit_log').select('event_type').where('event_type', 'like', 'attachment.%').execute();
    expect(audit).toHaveLength(2);
    expect(core.events.some((e) => e.event === 'data:changed' && (e.payload as { topics: string[] }).topics.includes('attachments'))).toBe(true);
  });

  it('decides the type by the bytes: a JPEG named .pdf is a JPEG, an .exe named .jpg is refused (ATTACHMENT_TYPE_REFUSED)', async () => {
    expect(await ok(add('manager', 'equipment', equipmentId, JPEG, 'scan.pdf'))).toMatchObject({ mimeType: 'image/jpeg', fileName: 'scan.pdf.jpg' });
    expect(await ok(add('manager', 'equipment', equipmentId, WEBP, 'x.webp'))).toMatchObject({ mimeType: 'image/webp' });
    expect(await add('manager', 'equipment', equipmentId, EXE, 'photo.jpg')).toMatchObject({ ok: false, error: { code: 'ATTACHMENT_TYPE_REFUSED' } });
    expect(await add('manager', 'equipment', equipmentId, new TextEncoder().encode('<svg onload=alert(1)>'), 'a.png')).toMatchObject({ ok: false, error: { code: 'ATTACHMENT_TYPE_REFUSED' } });
    expect(await core.call('manager', 'attachments:add', { owner: { kind: 'equipment', id: equipmentId }, fileName: 'a.png', contentBase64: 'not base64!' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('makes the name safe: no folders, no reserved characters, never empty', async () => {
    expect((await ok(add('manager', 'equipment', equipmentId, PNG, '..\\..\\Windows\\system32\\evil<1>.png'))).fileName).toBe('evil_1_.png');
    expect((await ok(add('manager', 'equipment', equipmentId, PNG, '../../etc/passwd'))).fileName).toBe('passwd.png');
    expect((await ok(add('manager', 'equipment', equipmentId, PDF, '   '))).fileName).toBe('piece-jointe.pdf');
  });

  it('refuses a file over 10 MB once decoded (ATTACHMENT_TOO_LARGE), and accepts one of exactly 10 MB', async () => {
    const big = new Uint8Array(ATTACHMENT_MAX_BYTES + 1);
    big.set(PDF);
    expect(await add('manager', 'equipment', equipmentId, big, 'gros.pdf')).toMatchObject({ ok: false, error: { code: 'ATTACHMENT_TOO_LARGE' } });
    const exact = big.subarray(0, ATTACHMENT_MAX_BYTES);
    const stored = await ok(add('manager', 'equipment', equipmentId, exact, 'juste.pdf'));
    expect(stored.size).toBe(ATTACHMENT_MAX_BYTES);
    const back = await ok(core.call('manager', 'attachments:download', { id: stored.id }));
    expect(Buffer.from(back.contentBase64, 'base64').equals(Buffer.from(exact))).toBe(true);
  });

  it('equipment: managers add and delete, everyone signed in reads', async () => {
    expect(codeOf(await add('tech', 'equipment', equipmentId, PNG))).toBe('FORBIDDEN');
    expect(codeOf(await add('reporter', 'equipment', equipmentId, PNG))).toBe('FORBIDDEN');
    const photo = await ok(add('admin-window', 'equipment', equipmentId, PNG));
    expect(codeOf(await core.call('tech', 'attachments:delete', { id: photo.id }))).toBe('FORBIDDEN');
    expect(codeOf(await core.call('reporter', 'attachments:download', { id: photo.id }))).toBe('ok');
    expect(codeOf(await core.call('manager', 'attachments:delete', { id: photo.id }))).toBe('ok');
    expect(await ok(list('tech', 'equipment', equipmentId))).toEqual([]);
    expect(codeOf(await core.call('manager', 'attachments:delete', { id: photo.id }))).toBe('NOT_FOUND');
    expect(codeOf(await add('manager', 'equipment', 999_999, PNG))).toBe('NOT_FOUND');
  });

  it('OT: the assigned technician adds, another technician and requesters may not; managers delete; maintainers read', async () => {
    expect(codeOf(await add('other-tech', 'work_order', workOrderId, PNG))).toBe('FORBIDDEN');
    expect(codeOf(await add('reporter', 'work_order', workOrderId, PNG))).toBe('FORBIDDEN');
    const photo = await ok(add('tech', 'work_order', workOrderId, PNG));
    expect(photo.canDelete).toBe(false);
    await ok(add('manager', 'work_order', workOrderId, PDF, 'rapport.pdf'));
    expect((await ok(list('other-tech', 'work_order', workOrderId))).length).toBe(2);
    expect(codeOf(await list('reporter', 'work_order', workOrderId))).toBe('FORBIDDEN');
    expect(codeOf(await core.call('reporter', 'attachments:download', { id: photo.id }))).toBe('FORBIDDEN');
    expect(codeOf(await core.call('tech', 'attachments:delete', { id: photo.id }))).toBe('FORBIDDEN');
    expect(codeOf(await core.call('manager', 'attachments:delete', { id: photo.id }))).toBe('ok');
  });

  it('DI: its signed-in reporter and managers add; the reporter and maintainers read; another requester neither', async () => {
    const own = await ok(add('reporter', 'request', requestId, JPEG, 'fuite.jpg'));
    expect(codeOf(await add('manager', 'request', requestId, PNG))).toBe('ok');
    expect(codeOf(await add('tech', 'request', requestId, PNG))).toBe('FORBIDDEN');
    expect(codeOf(await add('other-requester', 'request', requestId, PNG))).toBe('FORBIDDEN');
    expect(codeOf(await list('other-requester', 'request', requestId))).toBe('FORBIDDEN');
    expect(codeOf(await core.call('other-requester', 'attachments:download', { id: own.id }))).toBe('FORBIDDEN');
    expect((await ok(list('tech', 'request', requestId))).length).toBe(2);
    expect((await ok(list('reporter', 'request', requestId))).length).toBe(2);
    // A DI filed from the login screen (no reporter account): nobody may claim it but managers.
    expect(codeOf(await add('reporter', 'request', anonymousRequestId, PNG))).toBe('FORBIDDEN');
    expect(codeOf(await core.call('reporter', 'attachments:delete', { id: own.id }))).toBe('FORBIDDEN');
  });
});

beforeEach(async () => {
  expect((await core.call('admin-window', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password })).ok).toBe(true);
});
