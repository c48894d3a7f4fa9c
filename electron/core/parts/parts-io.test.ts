// Node (tests, both engines). The parts import, export and QR labels through the real dispatcher: a dry run that
// names every mistake by row and column in French and writes nothing, a commit that writes all parts and their
// suppliers in one go and re-checks the file, a re-import that updates instead of duplicating, CSV as French Excel
// writes it (`;`, BOM, « 12,50 »), an export (xlsx and CSV) that imports back as updates only with the same
// suppliers, and label sheets (parts, and a store's bins as « MAG-01/A-03-2 ») whose PDF text holds the codes.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChromiumPdfPrinter } from '../../../tests/harness/chromium-pdf-printer';
import { ADMIN_WINDOW, auditEntries, countRows, signInAdmin } from '../../../tests/support/mail-fixtures';
import { PartsStockFixturesRepository } from '../../../tests/support/parts-stock-fixtures-repository';
import { createTestCore, type TestCore } from '../../../tests/support/test-core';
import { partLabelQrSvg, renderPartLabelsHtml } from './parts-labels';

const printer = createChromiumPdfPrinter();
let core: TestCore;

const csv = (name: string, text: string, bom = true) => ({ fileName: name, contentBase64: Buffer.from(`${bom ? '\uFEFF' : ''}${text}`, 'utf8').toString('base64') });
const HEADER = 'Référence;Désignation;Fabricant;Référence fabricant;Unité;Catégorie;Fournisseur;Référence fournisseur;Délai (j);Prix unitaire (€);Notes';
const GOOD = csv(
  'pieces.csv',
  [
    HEADER,
    'ROUL-6205;Roulement à billes 6205 2RS;SKF;6205-2RSH;pce;Roulements;Brammer;BR-6205;3;12,50;',
    'ROUL-6205;;;;;;Würth;W-0620;5;13,90;',
    'HUILE-HLP46;Huile hydraulique HLP 46;Total;AZOLLA ZS 46;litre;Lubrifiants;Lubrilog;LL-46;7;4,8;bidon de 20 L',
    'JOINT-OR-20;Joint torique 20x2 NBR;;;;Joints;;;;;',
  ].join('\r\n'),
);

beforeEach(async () => {
  core = await createTestCore({ pdfPrinter: printer });
  core.clock.current = Date.UTC(2026, 10, 30, 10, 0, 0);
  await signInAdmin(core);
});
afterEach(async () => {
  await core.dispose();
});
afterAll(async () => {
  await printer.close();
});

async function call<C extends 'parts:importDryRun' | 'parts:importCommit' | 'parts:export' | 'parts:labels'>(channel: C, input: Parameters<typeof core.call<C>>[2]) {
  const result = await core.call(ADMIN_WINDOW, channel, input);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data;
}

const suppliersOf = async (code: string) =>
  core.database.kysely
    .selectFrom('part_suppliers as s')
    .innerJoin('parts as p', 'p.id', 's.part_id')
    .select(['s.supplier', 's.supplier_ref', 's.lead_time_days', 's.unit_price_cents', 's.is_preferred'])
    .where('p.code', '=', code)
    .orderBy('s.id')
    .execute()
    .then((rows) => rows.map((row) => [row.supplier, row.supplier_ref, Number(row.lead_time_days), Number(row.unit_price_cents), Number(row.is_preferred)]));

describe('parts import', { timeout: 120_000 }, () => {
  it('dry run: counts parts (not rows), names every mistake by row and column in French, and writes nothing', async () => {
    const report = await call(
      'parts:importDryRun',
      csv(
        'erreurs.csv',
        [
          HEADER,
          'ROUL-1;Roulement 1;;;;;Brammer;;3;12,50;',
          ';Sans référence;;;;;;;;;',
          'AVEC ESPACE;Référence invalide;;;;;;;;;',
          'ROUL-2;;;;;;;;;;',
          'ROUL-3;Roulement 3;;;;;Brammer;;trois;abc;',
          'ROUL-4;Roulement 4;;;;;;REF-SANS-FOURN;;;',
          'ROUL-1;Autre désignation;;;;;Würth;;;;',
        ].join('\n'),
        false,
      ),
    );
    const reasons = report.errors.map((error) => `${error.row} ${error.column}: ${error.reason}`);
    expect(reasons).toEqual([
      '3 Référence: Référence manquante : chaque pièce a une référence.',
      '4 Référence: Référence « AVEC ESPACE » invalide : lettres, chiffres et - _ . / seulement, sans espace.',
      '5 Désignation: Désignation manquante.',
      '6 Délai (j): Délai « trois » invalide : un nombre entier de jours (par exemple 15).',
      '6 Prix unitaire (€): Prix « abc » invalide : un montant en euros (par exemple 12,50).',
      '7 Fournisseur: Fournisseur manquant : la référence, le délai et le prix sont ceux d’un fournisseur.',
      '8 Désignation: « Autre désignation » diffère de la ligne 2 de la même référence (« Roulement 1 ») : une pièce a une seule désignation.',
    ]);
    expect(report.rows).toBe(7);
    expect(await countRows(core, 'parts')).toBe(0);
    const commit = await core.call(ADMIN_WINDOW, 'parts:importCommit', csv('erreurs.csv', `${HEADER}\n;x;;;;;;;;;`));
    expect(commit.ok ? null : commit.error.code).toBe('IMPORT_INVALID');
    expect(await countRows(core, 'parts')).toBe(0);
  });

  it('commits a French Excel CSV (BOM, `;`, decimal commas) with several suppliers per part, then a re-import updates', async () => {
    const dry = await call('parts:importDryRun', GOOD);
    expect({ create: dry.create, update: dry.update, suppliers: dry.suppliers, errors: dry.errors }).toEqual({ create: 3, update: 0, suppliers: 3, errors: [] });
    const committed = await call('parts:importCommit', GOOD);
    expect(committed.create).toBe(3);
    const oil = await core.database.kysely.selectFrom('parts').selectAll().where('code', '=', 'huile-hlp46').executeTakeFirstOrThrow();
    expect(oil).toMatchObject({ unit: 'L', category: 'Lubrifiants', manufacturer_ref: 'AZOLLA ZS 46', notes: 'bidon de 20 L', search_text: 'huile-hlp46 huile hydraulique hlp 46 azolla zs 46' });
    expect(await suppliersOf('ROUL-6205')).toEqual([
      ['Brammer', 'BR-6205', 3, 1250, 1],
      ['Würth', 'W-0620', 5, 1390, 0],
    ]);
    expect(await suppliersOf('HUILE-HLP46')).toEqual([['Lubrilog', 'LL-46', 7, 480, 1]]);
    expect((await auditEntries(core, 'parts.imported'))[0].details).toMatchObject({ created: 3, updated: 0, suppliers: 3 });

    // The same référence in another case, without the supplier columns: an update that leaves the suppliers alone.
    const again = await call('parts:importCommit', csv('maj.csv', 'Référence;Désignation;Catégorie\nroul-6205;Roulement 6205 2RS étanche;Roulements\nNEW-1;Nouvelle pièce;'));
    expect([again.create, again.update]).toEqual([1, 1]);
    const bearing = await core.database.kysely.selectFrom('parts').selectAll().where('code', '=', 'ROUL-6205').executeTakeFirstOrThrow();
    expect(bearing).toMatchObject({ designation: 'Roulement 6205 2RS étanche', manufacturer: 'SKF', version: 2 });
    expect(await suppliersOf('ROUL-6205')).toHaveLength(2);
    expect(await countRows(core, 'parts')).toBe(4);
  });
});

describe('parts export', { timeout: 120_000 }, () => {
  it('exports xlsx and CSV that import back as updates only, with the same suppliers', async () => {
    await call('parts:importCommit', GOOD);
    const before = { roul: await suppliersOf('ROUL-6205'), oil: await suppliersOf('HUILE-HLP46'), joint: await suppliersOf('JOINT-OR-20') };
    for (const format of ['xlsx', 'csv'] as const) {
      const file = await call('parts:export', { format, filter: {} });
      expect(file.fileName).toBe(`pieces-2026-11-30.${format}`);
      if (format === 'csv') {
        const text = Buffer.from(file.contentBase64, 'base64').toString('utf8');
        expect(text.startsWith('\uFEFFRéférence;Désignation;Fabricant;Référence fabricant;Unité;Catégorie;Fournisseur;Référence fournisseur;Délai (j);Prix unitaire (€);Notes')).toBe(true);
        expect(text).toContain('ROUL-6205;Roulement à billes 6205 2RS;SKF;6205-2RSH;pce;Roulements;Brammer;BR-6205;3;12,50');
        expect(text).toContain('HUILE-HLP46;Huile hydraulique HLP 46;Total;AZOLLA ZS 46;L;Lubrifiants;Lubrilog;LL-46;7;4,80;bidon de 20 L');
      }
      const report = await call('parts:importCommit', { fileName: file.fileName, contentBase64: file.contentBase64 });
      expect({ create: report.create, update: report.update, errors: report.errors }).toEqual({ create: 0, update: 3, errors: [] });
      expect({ roul: await suppliersOf('ROUL-6205'), oil: await suppliersOf('HUILE-HLP46'), joint: await suppliersOf('JOINT-OR-20') }).toEqual(before);
    }
    const filtered = await call('parts:export', { format: 'csv', filter: { text: 'joint' } });
    const lines = Buffer.from(filtered.contentBase64, 'base64').toString('utf8').trim().split(/\r?\n/);
    expect(lines.slice(1).map((line) => line.split(';')[0])).toEqual(['JOINT-OR-20']);
  });
});

describe('magasin labels', { timeout: 120_000 }, () => {
  it('prints parts and a store’s bins on an A4 sheet whose text holds the codes, the bins as « MAG-01/A-03-2 »', async () => {
    await call('parts:importCommit', GOOD);
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const textOf = async (contentBase64: string) => {
      const pdf = await pdfjs.getDocument({ data: new Uint8Array(Buffer.from(contentBase64, 'base64')), useSystemFonts: false, isEvalSupported: false }).promise;
      const page = await pdf.getPage(1);
      const [, , width, height] = page.view;
      return { pages: pdf.numPages, size: [Math.round(width), Math.round(height)], text: (await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ') };
    };
    const parts = await textOf((await call('parts:labels', { kind: 'parts', codes: ['roul-6205', 'JOINT-OR-20'] })).contentBase64);
    expect(parts.size).toEqual([595, 842]);
    expect(parts.text).toContain('ROUL-6205');
    expect(parts.text).toContain('JOINT-OR-20');
    expect(parts.text).not.toContain('HUILE-HLP46');

    const now = core.clock.now();
    const fixtures = new PartsStockFixturesRepository(core.database.kysely);
    const store = await fixtures.store('MAG-01', 'Magasin central', now);
    await fixtures.bin(store, 'A-03-2', 'Allée A, étagère 3', now);
    await fixtures.bin(store, 'A-03-3', null, now);
    const bins = await core.call(ADMIN_WINDOW, 'parts:labelBins', { storeCode: 'mag-01' });
    expect(bins.ok ? bins.data.map((bin) => bin.code) : bins.error).toEqual(['MAG-01/A-03-2', 'MAG-01/A-03-3']);
    const binSheet = await textOf((await call('parts:labels', { kind: 'bins', storeCode: 'MAG-01', binCodes: ['A-03-2'] })).contentBase64);
    expect(binSheet.text).toContain('MAG-01/A-03-2');
    expect(binSheet.text).toContain('Allée A, étagère 3');
    expect(binSheet.text).not.toContain('A-03-3');
    expect((await auditEntries(core, 'parts.labels_printed')).map((entry) => entry.details)).toEqual([
      { count: 2, kind: 'parts' },
      { count: 1, kind: 'bins', store: 'MAG-01' },
    ]);
    const none = await core.call(ADMIN_WINDOW, 'parts:labels', { kind: 'parts', codes: ['INCONNU'] });
    expect(none.ok ? null : none.error.code).toBe('NOT_FOUND');
  });

  it('puts in each label a QR code of exactly its code', async () => {
    const html = await renderPartLabelsHtml(
      [
        { code: 'MAG-01/A-03-2', designation: 'Allée <A>' },
        { code: 'ROUL-6205', designation: 'Roulement' },
      ],
      't',
    );
    const labels = html.split('<div class="label">').slice(1);
    expect(labels[0]).toContain(await partLabelQrSvg('MAG-01/A-03-2'));
    expect(labels[0]).toContain('Allée &lt;A&gt;');
    expect(labels[1]).toContain(await partLabelQrSvg('ROUL-6205'));
    expect(await partLabelQrSvg('ROUL-6205')).not.toBe(await partLabelQrSvg('MAG-01/A-03-2'));
  });
});
