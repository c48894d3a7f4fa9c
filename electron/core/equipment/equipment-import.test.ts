// Node (tests, both engines). The equipment import through the real dispatcher on a real database: the dry run's
// figures on a file of realistic mistakes, a commit that writes all or nothing and checks the file again, a
// re-import that updates instead of duplicating, and CSV as French Excel writes it (`;`, UTF-8 with a BOM).
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_WINDOW, auditEntries, countRows, signInAdmin } from '../../../tests/support/mail-fixtures';
import { createTestCore, type TestCore } from '../../../tests/support/test-core';
import { UsersRepository } from '../kernel/identity/users-repository';
import { foldText } from '../kernel/db/text-search';

const FIXTURES = path.resolve(import.meta.dirname, '../../../tests/fixtures/import');
const file = (name: string) => ({ fileName: name, contentBase64: fs.readFileSync(path.join(FIXTURES, name)).toString('base64') });
const csv = (name: string, text: string) => ({ fileName: name, contentBase64: Buffer.from(text, 'utf8').toString('base64') });

let core: TestCore;

beforeEach(async () => {
  core = await createTestCore();
  await signInAdmin(core);
});

afterEach(async () => {
  await core.dispose();
});

async function dryRun(input: { fileName: string; contentBase64: string }) {
  const result = await core.call(ADMIN_WINDOW, 'equipment:importDryRun', input);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data;
}

// Each import and export reads or writes its workbook in a fresh worker thread (from the TypeScript sources here).
describe('equipment:importDryRun', { timeout: 120_000 }, () => {
  it('reports every realistic mistake of equipements-erreurs.xlsx by sheet, row and column, in French, and writes nothing', async () => {
    const report = await dryRun(file('equipements-erreurs.xlsx'));
    const where = (sheet: string, row: number) => report.errors.filter((error) => error.sheet === sheet && error.row === row);
    const reasonAt = (sheet: string, row: number) => where(sheet, row).map((error) => `${error.column}: ${error.reason}`).join(' | ');

    expect(report.counts).toEqual({ locations: { create: 2, update: 0 }, equipment: { create: 4, update: 0 } });
    expect(report.create).toBe(6);
    expect(report.update).toBe(0);
    expect(report.rows).toBe(20);
    // Localisations
    expect(reasonAt('Localisations', 4)).toMatch(/^Parent: Localisation parente « ATL-PEINTURE » inconnue/);
    expect(reasonAt('Localisations', 5)).toMatch(/^Code: Code « ATL-EMB » en double dans le fichier \(déjà ligne 3\)/);
    expect(reasonAt('Localisations', 6)).toMatch(/^Type: Type « Couloir » inconnu/);
    // Équipements
    expect(reasonAt('Équipements', 3)).toMatch(/^Criticité: Criticité « D » invalide : A, B ou C/);
    expect(reasonAt('Équipements', 4)).toMatch(/^Statut: Statut « En panne » inconnu/);
    expect(reasonAt('Équipements', 5)).toMatch(/^Date de mise en service: Date « 31\/02\/2020 » invalide/);
    expect(reasonAt('Équipements', 6)).toMatch(/en double dans le fichier \(déjà ligne 2\)/);
    expect(reasonAt('Équipements', 7)).toMatch(/^Parent: Cycle de parents : CY-A → CY-B → CY-A/);
    expect(reasonAt('Équipements', 8)).toMatch(/^Parent: Cycle de parents : CY-B → CY-A → CY-B/);
    expect(reasonAt('Équipements', 12)).toMatch(/^Parent: Trop de niveaux : 3 au plus/);
    expect(reasonAt('Équipements', 13)).toMatch(/^Désignation: Désignation manquante/);
    expect(reasonAt('Équipements', 14)).toMatch(/^Localisation: Localisation « ATELIER-Z » inconnue/);
    expect(reasonAt('Équipements', 15)).toMatch(/^Parent: Équipement parent « NOPE » inconnu/);
    expect(reasonAt('Équipements', 16)).toMatch(/^Catégorie: Catégorie « Pompe à vide » inconnue/);
    expect(report.errors).toHaveLength(14);
    // The rows without a mistake are previewed as what would happen to them.
    expect(report.preview.filter((row) => row.action === 'create').map((row) => row.code)).toEqual(['USINE-LYON', 'ATL-EMB', 'PR-250', 'D1', 'D2', 'D3']);

    expect(await countRows(core, 'equipment')).toBe(0);
    expect(await countRows(core, 'locations')).toBe(0);
  });

  it('counts a good file as creations, and is refused to a technician', async () => {
    const report = await dryRun(file('equipements-ok.xlsx'));
    expect(report.errors).toEqual([]);
    expect(report.counts).toEqual({ locations: { create: 5, update: 0 }, equipment: { create: 8, update: 0 } });

    const users = new UsersRepository(core.database.kysely);
    const techId = await users.insert({ username: 'tech', displayName: 'Tech', email: null, role: 'technician', passwordHash: 'x', mustChangePassword: false, locale: 'fr' }, core.clock.now());
    await core.sessions.start('tech-window', (await users.findById(techId))!);
    const refused = await core.call('tech-window', 'equipment:importDryRun', file('equipements-ok.xlsx'));
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
  });

  it('a maintenance manager may run it; a file that is not a spreadsheet gets IMPORT_UNREADABLE', async () => {
    const users = new UsersRepository(core.database.kysely);
    const id = await users.insert({ username: 'resp', displayName: 'Resp', email: null, role: 'maintenance_manager', passwordHash: 'x', mustChangePassword: false, locale: 'fr' }, core.clock.now());
    await core.sessions.start('resp-window', (await users.findById(id))!);
    const ok = await core.call('resp-window', 'equipment:importDryRun', file('equipements-ok.xlsx'));
    expect(ok.ok).toBe(true);
    const bad = await core.call('resp-window', 'equipment:importDryRun', { fileName: 'photo.xlsx', contentBase64: Buffer.from('\u0089PNG not a workbook').toString('base64') });
    expect(bad.ok ? null : bad.error.code).toBe('IMPORT_UNREADABLE');
    const noHeaders = await core.call('resp-window', 'equipment:importDryRun', csv('liste.csv', 'a;b\n1;2\n'));
    expect(noHeaders.ok ? null : noHeaders.error.code).toBe('IMPORT_UNREADABLE');
  });
});

// Each import and export reads or writes its workbook in a fresh worker thread (from the TypeScript sources here).
describe('equipment:importCommit', { timeout: 120_000 }, () => {
  it('writes nothing at all when the file has one mistake (all or nothing), and audits nothing', async () => {
    const result = await core.call(ADMIN_WINDOW, 'equipment:importCommit', file('equipements-erreurs.xlsx'));
    expect(result.ok ? null : result.error).toMatchObject({ code: 'IMPORT_INVALID', details: { errors: 14 } });
    expect(await countRows(core, 'equipment')).toBe(0);
    expect(await countRows(core, 'locations')).toBe(0);
    expect(await auditEntries(core, 'equipment.imported')).toEqual([]);
  });

  it('writes a good file in one go, audits the counts, tells the windows; re-importing it updates instead of duplicating', async () => {
    const first = await core.call(ADMIN_WINDOW, 'equipment:importCommit', file('equipements-ok.xlsx'));
    expect(first.ok ? first.data.counts : first.error).toEqual({ locations: { create: 5, update: 0 }, equipment: { create: 8, update: 0 } });
    expect(await countRows(core, 'equipment')).toBe(8);
    expect(await countRows(core, 'locations')).toBe(5);

    const db = core.database.kysely;
    const gh = await db.selectFrom('equipment').selectAll().where('code', '=', 'PR-250-GH-P1').executeTakeFirstOrThrow();
    const parent = await db.selectFrom('equipment').select(['id', 'code', 'parent_id']).where('id', '=', gh.parent_id as number).executeTakeFirstOrThrow();
    expect(parent.code).toBe('PR-250-GH');
    expect(gh).toMatchObject({ designation: 'Pompe à palettes du groupe', category: 'pompe', criticality: 'B', status: 'in_service', commissioned_on: '2019-05-02' });
    expect(gh.search_text).toBe(foldText('PR-250-GH-P1', 'Pompe à palettes du groupe'));
    const robot = await db.selectFrom('equipment').selectAll().where('code', '=', 'RB-01').executeTakeFirstOrThrow();
    expect(robot).toMatchObject({ status: 'stopped', criticality: 'A', commissioned_on: '2021-09-01', category: 'robot' });
    const l2 = await db.selectFrom('locations as l').innerJoin('locations as p', 'p.id', 'l.parent_id').select(['l.kind', 'p.code']).where('l.code', '=', 'L2').executeTakeFirstOrThrow();
    expect(l2).toEqual({ kind: 'line', code: 'ATL-USI' });

    const audits = await auditEntries(core, 'equipment.imported');
    expect(audits).toHaveLength(1);
    expect(audits[0].details).toMatchObject({ fileName: 'equipements-ok.xlsx', locationsCreated: 5, equipmentCreated: 8, equipmentUpdated: 0 });
    const changed = core.events.filter((event) => event.event === 'data:changed' && event.windowId === ADMIN_WINDOW);
    expect(changed.at(-1)?.payload).toMatchObject({ topics: expect.arrayContaining(['locations', 'equipment']) });

    const again = await core.call(ADMIN_WINDOW, 'equipment:importCommit', file('equipements-ok.xlsx'));
    expect(again.ok ? again.data.counts : again.error).toEqual({ locations: { create: 0, update: 5 }, equipment: { create: 0, update: 8 } });
    expect(await countRows(core, 'equipment')).toBe(8);
    expect(await countRows(core, 'locations')).toBe(5);
  });

  it('rolls back everything when the database fails half-way (locations written, then an equipment insert fails)', async () => {
    // A real failure inside the database, raised by a trigger on the last equipment of the file.
    if (core.database.engine === 'sqlite') {
      await sql`create trigger fail_four before insert on equipment when new.code = 'FOUR-01' begin select raise(abort, 'disque plein'); end`.execute(core.database.kysely);
    } else {
      await sql`create function fail_four() returns trigger language plpgsql as $$ begin if new.code = 'FOUR-01' then raise exception 'disque plein'; end if; return new; end $$`.execute(core.database.kysely);
      await sql`create trigger fail_four before insert on equipment for each row execute function fail_four()`.execute(core.database.kysely);
    }
    const result = await core.call(ADMIN_WINDOW, 'equipment:importCommit', file('equipements-ok.xlsx'));
    expect(result.ok ? null : result.error.code).toBe('INTERNAL_ERROR');
    expect(await countRows(core, 'locations')).toBe(0);
    expect(await countRows(core, 'equipment')).toBe(0);
    expect(await auditEntries(core, 'equipment.imported')).toEqual([]);
  });

  it('checks the file again instead of trusting the dry run: data changed since makes it refuse, and nothing is written', async () => {
    const report = await dryRun(file('equipements-ok.xlsx'));
    expect(report.errors).toEqual([]);
    // Meanwhile someone created PR-250-GH-P1 with a child: under the file's PR-250 → PR-250-GH it would be a 4th level.
    const now = core.clock.now();
    const db = core.database.kysely;
    const { id } = await db
      .insertInto('equipment')
      .values({ code: 'PR-250-GH-P1', designation: 'Pompe', search_text: 'pr-250-gh-p1 pompe', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('equipment').values({ code: 'PR-250-GH-P1-M', designation: 'Moteur de pompe', parent_id: id, search_text: 'x', created_at: now, updated_at: now }).execute();

    const result = await core.call(ADMIN_WINDOW, 'equipment:importCommit', file('equipements-ok.xlsx'));
    expect(result.ok ? null : result.error.code).toBe('IMPORT_INVALID');
    expect(await countRows(core, 'equipment')).toBe(2);
    expect(await countRows(core, 'locations')).toBe(0);
    const check = await dryRun(file('equipements-ok.xlsx'));
    expect(check.errors.map((error) => `${error.row} ${error.reason}`)).toEqual([
      '4 Trop de niveaux : « PR-250-GH-P1-M », rangé sous cet équipement, serait au niveau 4 (3 au plus).',
    ]);
  });

  it('reads CSV as French Excel saves it (`;`, UTF-8 with BOM, JJ/MM/AAAA) and as others do (`,`), codes matched whatever their case', async () => {
    const locations = '\uFEFFCode;Nom;Type;Parent\r\nUSINE;Usine de Lyon;Site;\r\nATL-1;Atelier « Emboutissage »;Atelier;USINE\r\n';
    const first = await core.call(ADMIN_WINDOW, 'equipment:importCommit', csv('localisations.csv', locations));
    expect(first.ok ? first.data.counts.locations : first.error).toEqual({ create: 2, update: 0 });

    const equipment = '\uFEFFCode;Désignation;Localisation;Criticité;Statut;Date de mise en service;N° de série\r\n007;Pompe doseuse;atl-1;a;à l’arrêt;05/01/2018;"SN;42"\r\n';
    const second = await core.call(ADMIN_WINDOW, 'equipment:importCommit', csv('equipements.csv', equipment));
    expect(second.ok ? second.data.counts.equipment : second.error).toEqual({ create: 1, update: 0 });
    const row = await core.database.kysely.selectFrom('equipment').selectAll().where('code', '=', '007').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ designation: 'Pompe doseuse', criticality: 'A', status: 'stopped', commissioned_on: '2018-01-05', serial_number: 'SN;42' });

    const comma = 'Code,Désignation,Notes\n007,"Pompe doseuse, inox",Révisée\n';
    const third = await core.call(ADMIN_WINDOW, 'equipment:importCommit', csv('equipements-virgule.csv', comma));
    expect(third.ok ? third.data.counts.equipment : third.error).toEqual({ create: 0, update: 1 });
    const updated = await core.database.kysely.selectFrom('equipment').selectAll().where('code', '=', '007').executeTakeFirstOrThrow();
    // Columns absent from the file are left as they were.
    expect(updated).toMatchObject({ designation: 'Pompe doseuse, inox', notes: 'Révisée', criticality: 'A', status: 'stopped', serial_number: 'SN;42' });
  });

  it('refuses more rows than one import may hold, before writing anything', async () => {
    const lines = ['Code;Désignation'];
    for (let i = 0; i <= 20_000; i++) lines.push(`E-${i};Équipement ${i}`);
    const result = await core.call(ADMIN_WINDOW, 'equipment:importDryRun', csv('gros.csv', lines.join('\n')));
    expect(result.ok ? result.data.errors.map((error) => error.reason) : result.error).toEqual([expect.stringMatching(/^Le fichier compte 20\s001 lignes : 20\s000 au plus/)]);
  });
});
