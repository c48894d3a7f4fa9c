// Node (tests). A pièce jointe lives in the database, so it travels with a backup: added, backed up, deleted, then
// the backup restored, it reads back byte for byte. SQLite only: there the app makes the backups (a copy of the
// file); on PostgreSQL backups are the server's job, and attachments-service.test.ts reads BYTEA back exactly.
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupInfo } from '../../../shared/contract';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import { EquipmentRepository } from '../equipment';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

async function ok<T>(promise: Promise<{ ok: true; data: T } | { ok: false; error: { code: string } }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}`);
  return result.data;
}

describe.runIf(TEST_ENGINE === 'sqlite')('attachments and backups', () => {
  it('an attachment survives a backup and a restore, byte for byte', async () => {
    core = await createTestCore();
    await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
    const login = () => ok(core!.call('admin', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password }));
    await login();
    const now = core.clock.now();
    const equipmentId = await new EquipmentRepository(core.database.kysely).insert({ code: 'PR-1', designation: 'Presse', location_id: null, parent_id: null, category: null, manufacturer: null, model: null, serial_number: null, commissioned_on: null, notes: null, created_at: now, updated_at: now });
    // A JPEG header then every byte value, zeros included: nothing may be lost as text.
    const bytes = new Uint8Array(70_000);
    bytes.set([0xff, 0xd8, 0xff, 0xe0]);
    for (let i = 4; i < bytes.length; i++) bytes[i] = (i * 7) % 256;
    const added = await ok(core.call('admin', 'attachments:add', { owner: { kind: 'equipment', id: equipmentId }, fileName: 'plaque.jpg', contentBase64: Buffer.from(bytes).toString('base64') }));
    const backup = await ok<BackupInfo>(core.call('admin', 'backups:create'));
    await ok(core.call('admin', 'attachments:delete', { id: added.id }));
    expect(await ok(core.call('admin', 'attachments:list', { owner: { kind: 'equipment', id: equipmentId } }))).toEqual([]);

    core.clock.advance(60_000);
    await ok(core.call('admin', 'backups:restore', { fileName: backup.fileName }));
    await login();
    const listed = await ok(core.call('admin', 'attachments:list', { owner: { kind: 'equipment', id: equipmentId } }));
    expect(listed.map((a) => [a.id, a.fileName, a.size])).toEqual([[added.id, 'plaque.jpg', bytes.byteLength]]);
    const content = await ok(core.call('admin', 'attachments:download', { id: added.id }));
    expect(Buffer.from(content.contentBase64, 'base64').equals(Buffer.from(bytes))).toBe(true);
  });
});
