// Node (tests, both engines). The reference lists an administrator maintains, through the real dispatcher: the French
// starter set on first start (once, never again over the administrator's changes), adding, renaming, reordering and
// deactivating (never deleting), each audited and announced to the windows; other roles only read.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_WINDOW, auditEntries, countRows, signInAdmin } from '../../../tests/support/mail-fixtures';
import { createTestCore, makeTempDir, type TestCore } from '../../../tests/support/test-core';
import { UsersRepository } from '../kernel/identity/users-repository';
import fs from 'node:fs';

let core: TestCore;

beforeEach(async () => {
  core = await createTestCore();
  await signInAdmin(core);
});

afterEach(async () => {
  await core.dispose();
});

async function list(name: 'symptom' | 'cause' | 'remedy' | 'category', includeInactive = true) {
  const result = await core.call(ADMIN_WINDOW, 'reference:list', { list: name, includeInactive });
  if (!result.ok) throw new Error(result.error.code);
  return result.data;
}

describe('starter set', () => {
  it('fills each empty list with its French items at first start, in order, with codes made from the labels', async () => {
    expect((await list('symptom')).map((item) => item.label)).toEqual([
      'Fuite',
      'Bruit anormal',
      'Vibration',
      'Surchauffe',
      'Ne démarre pas',
      'Arrêt intempestif',
      'Défaut électrique',
      'Casse mécanique',
    ]);
    expect((await list('cause')).length).toBe(8);
    expect((await list('remedy')).map((item) => item.code)).toEqual([
      'remplacement-piece',
      'reglage',
      'resserrage',
      'nettoyage',
      'lubrification',
      'reparation',
      'remise-a-zero-rearmement',
    ]);
    expect((await list('category')).map((item) => item.code)).toContain('machine-outil');
    expect((await list('category')).map((item) => item.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('is idempotent: a restart adds nothing, and a list the administrator changed is left as it is', async () => {
    const dataDir = makeTempDir();
    try {
      const first = await createTestCore({ dataDir });
      await signInAdmin(first);
      const fuite = (await first.call(ADMIN_WINDOW, 'reference:list', { list: 'symptom' })) as { ok: true; data: { id: number }[] };
      await first.call(ADMIN_WINDOW, 'reference:update', { id: fuite.data[0].id, active: false });
      const rows = await countRows(first, 'reference_items');
      await first.close();
      const second = await createTestCore({ dataDir });
      expect(await countRows(second, 'reference_items')).toBe(rows);
      expect(await countRows(second, 'reference_items', "list = 'symptom' and is_active = 0")).toBe(1);
      await second.dispose();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('reference:create and reference:update', () => {
  it('adds an item at the end of its list, audited and announced; a second with the same label (accents, case aside) is refused', async () => {
    const created = await core.call(ADMIN_WINDOW, 'reference:create', { list: 'symptom', label: '  Odeur de brûlé ' });
    expect(created.ok ? created.data : created.error).toMatchObject({ list: 'symptom', code: 'odeur-de-brule', label: 'Odeur de brûlé', isActive: true, position: 8 });
    expect((await auditEntries(core, 'reference.created'))[0].details).toEqual({ list: 'symptom', code: 'odeur-de-brule', label: 'Odeur de brûlé' });
    expect(core.events.filter((e) => e.event === 'data:changed').at(-1)?.payload).toEqual({ topics: ['reference'] });

    const again = await core.call(ADMIN_WINDOW, 'reference:create', { list: 'symptom', label: 'ODEUR DE BRULE' });
    expect(again.ok ? null : again.error).toMatchObject({ code: 'CONFLICT', fields: [{ path: 'label', code: 'reference.labelTaken' }] });
    // The same label in another list is fine: lists are separate.
    const cause = await core.call(ADMIN_WINDOW, 'reference:create', { list: 'cause', label: 'Odeur de brûlé', code: 'ODEUR' });
    expect(cause.ok ? cause.data.code : cause.error).toBe('ODEUR');
    const sameCode = await core.call(ADMIN_WINDOW, 'reference:create', { list: 'cause', label: 'Autre odeur', code: 'odeur' });
    expect(sameCode.ok ? null : sameCode.error.code).toBe('CONFLICT');
    const empty = await core.call(ADMIN_WINDOW, 'reference:create', { list: 'cause', label: '   ' });
    expect(empty.ok ? null : empty.error.code).toBe('VALIDATION_FAILED');
  });

  it('renames and deactivates (the code stays, the row stays), and reactivates; audited with what changed', async () => {
    const [fuite] = await list('symptom');
    const renamed = await core.call(ADMIN_WINDOW, 'reference:update', { id: fuite.id, label: 'Fuite (huile, air, eau)', active: false });
    expect(renamed.ok ? renamed.data : renamed.error).toMatchObject({ id: fuite.id, code: 'fuite', label: 'Fuite (huile, air, eau)', isActive: false });
    expect((await list('symptom', false)).map((item) => item.code)).not.toContain('fuite');
    expect((await list('symptom', true)).map((item) => item.code)).toContain('fuite');
    expect((await auditEntries(core, 'reference.updated'))[0].details).toEqual({ list: 'symptom', code: 'fuite', label: { from: 'Fuite', to: 'Fuite (huile, air, eau)' }, active: false });
    const back = await core.call(ADMIN_WINDOW, 'reference:update', { id: fuite.id, active: true });
    expect(back.ok ? back.data.isActive : back.error).toBe(true);
    const missing = await core.call(ADMIN_WINDOW, 'reference:update', { id: 999_999, active: true });
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
  });

  it('moves an item up or down: the list is renumbered 0..n-1 in its new order', async () => {
    const before = await list('remedy');
    // "Nettoyage" (index 3) up one, then "Remplacement pièce" (index 0) to the end.
    await core.call(ADMIN_WINDOW, 'reference:update', { id: before[3].id, position: 2 });
    await core.call(ADMIN_WINDOW, 'reference:update', { id: before[0].id, position: 99 });
    const after = await list('remedy');
    expect(after.map((item) => item.code)).toEqual(['reglage', 'nettoyage', 'resserrage', 'lubrification', 'reparation', 'remise-a-zero-rearmement', 'remplacement-piece']);
    expect(after.map((item) => item.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('is for administrators only; a responsable still reads the lists', async () => {
    const users = new UsersRepository(core.database.kysely);
    const id = await users.insert({ username: 'resp', displayName: 'Resp', email: null, role: 'maintenance_manager', passwordHash: 'x', mustChangePassword: false, locale: 'fr' }, core.clock.now());
    await core.sessions.start('resp-window', (await users.findById(id))!);
    const create = await core.call('resp-window', 'reference:create', { list: 'symptom', label: 'Odeur' });
    expect(create.ok ? null : create.error.code).toBe('FORBIDDEN');
    const read = await core.call('resp-window', 'reference:list', { list: 'symptom' });
    expect(read.ok ? read.data.length : read.error).toBe(8);
  });
});
