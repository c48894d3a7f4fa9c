// Node (tests). The server side of a client PC's DI key (issue 16), on the engine of this pass: a DI sent again with
// the key it was filed with answers the same number and writes nothing more (no second DI, downtime, audit line or
// throttle hit), including two sends of one key at the same instant; DIs without a key are unchanged.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../tests/support/test-core';
import { countRows } from '../../../tests/support/mail-fixtures';
import { EquipmentRepository } from '../equipment';

let core: TestCore;

const report = (overrides: Record<string, unknown> = {}) =>
  core.call('kiosk', 'requests:report', { equipmentCode: 'PR-003', symptom: 'Fuite d’huile sur le vérin', machineStopped: true, ...overrides } as never);

beforeEach(async () => {
  core = await createTestCore();
  await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  const base = { parent_id: null, category: null, manufacturer: 'Arburg', model: 'X', serial_number: 'SN', commissioned_on: null, notes: null, created_at: 0, updated_at: 0, location_id: null };
  await new EquipmentRepository(core.database.kysely).insert({ ...base, code: 'PR-003', designation: 'Presse à injecter 3' });
});
afterEach(() => core.dispose());

describe('requests:report with a client key', () => {
  it('files the DI once: the same key sent again answers the same number and writes nothing more', async () => {
    const clientKey = randomUUID();
    const first = await report({ clientKey });
    expect(first).toEqual({ ok: true, data: { number: 'DI-2026-000001', queued: false } });
    const again = await report({ clientKey, symptom: 'Texte différent : la clé décide' });
    expect(again).toEqual({ ok: true, data: { number: 'DI-2026-000001', queued: false } });
    expect(await countRows(core, 'work_requests')).toBe(1);
    expect(await countRows(core, 'downtimes')).toBe(1);
    expect(await countRows(core, 'audit_log', "event_type = 'request.reported'")).toBe(1);
    const row = await core.database.kysely.selectFrom('work_requests').select(['client_key', 'symptom']).executeTakeFirstOrThrow();
    expect(row).toEqual({ client_key: clientKey, symptom: 'Fuite d’huile sur le vérin' });
    // Another key is another DI (joining the machine's open downtime, as any second report does).
    const other = await report({ clientKey: randomUUID() });
    expect(other).toEqual({ ok: true, data: { number: 'DI-2026-000002', queued: false } });
    expect(await countRows(core, 'work_requests')).toBe(2);
    expect(await countRows(core, 'downtimes')).toBe(1);
  });

  it('two sends of one key at the same instant file one DI, and both answer its number', async () => {
    const clientKey = randomUUID();
    const results = await Promise.all([report({ clientKey }), report({ clientKey }), report({ clientKey })]);
    expect(results).toEqual([0, 1, 2].map(() => ({ ok: true, data: { number: 'DI-2026-000001', queued: false } })));
    expect(await countRows(core, 'work_requests')).toBe(1);
    expect(await countRows(core, 'downtimes')).toBe(1);
    expect(await countRows(core, 'audit_log', "event_type = 'request.reported'")).toBe(1);
    // The rolled-back attempts did not burn numbers that the next DI would skip... on the engines' own terms: the
    // next one simply gets a number of its own.
    const next = await report({ machineStopped: false });
    expect(next.ok && (next.data as { number: string }).number).toMatch(/^DI-2026-00000[2-4]$/);
  });

  it('a resend is not counted by the DI throttle (it is the same report)', async () => {
    const clientKey = randomUUID();
    expect((await report({ clientKey, machineStopped: false })).ok).toBe(true);
    for (let i = 0; i < 30; i++) expect(await report({ clientKey, machineStopped: false })).toEqual({ ok: true, data: { number: 'DI-2026-000001', queued: false } });
    expect(await countRows(core, 'work_requests')).toBe(1);
  });

  it('refuses a key that is not a uuid, and files keyless DIs as before', async () => {
    const bad = await report({ clientKey: 'not-a-uuid' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.code).toBe('VALIDATION_FAILED');
    expect((await report({ machineStopped: false })).ok).toBe(true);
    expect((await report({ machineStopped: false })).ok).toBe(true);
    expect(await countRows(core, 'work_requests')).toBe(2);
    expect(await countRows(core, 'work_requests', 'client_key IS NULL')).toBe(2);
  });
});
