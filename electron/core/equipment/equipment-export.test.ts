// Node (tests, both engines). Export and QR labels through the real dispatcher: files read back with exceljs give the
// rows of the database (CSV the way French Excel opens it), the list's filters apply, an export imports back as
// updates only; the label sheet is a real PDF (printed by Chromium) whose text holds every code and designation,
// and each label's QR code encodes the equipment code.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChromiumPdfPrinter } from '../../../tests/harness/chromium-pdf-printer';
import { ADMIN_WINDOW, auditEntries, signInAdmin } from '../../../tests/support/mail-fixtures';
import { createTestCore, type TestCore } from '../../../tests/support/test-core';
import { labelQrSvg, renderLabelsHtml } from './equipment-labels';

const FIXTURES = path.resolve(import.meta.dirname, '../../../tests/fixtures/import');
const GOOD = { fileName: 'equipements-ok.xlsx', contentBase64: fs.readFileSync(path.join(FIXTURES, 'equipements-ok.xlsx')).toString('base64') };

const printer = createChromiumPdfPrinter();
let core: TestCore;

beforeAll(() => undefined);
afterAll(async () => {
  await printer.close();
});

beforeEach(async () => {
  // 30 November 2026, 10:00 UTC: the export's file name carries the day.
  core = await createTestCore({ pdfPrinter: printer });
  core.clock.current = Date.UTC(2026, 10, 30, 10, 0, 0);
  await signInAdmin(core);
  const imported = await core.call(ADMIN_WINDOW, 'equipment:importCommit', GOOD);
  if (!imported.ok) throw new Error(JSON.stringify(imported.error));
});

afterEach(async () => {
  await core.dispose();
});

async function exportFile(input: Parameters<typeof core.call<'equipment:export'>>[2]) {
  const result = await core.call(ADMIN_WINDOW, 'equipment:export', input);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return { ...result.data, bytes: Buffer.from(result.data.contentBase64, 'base64') };
}

async function readRows(bytes: Buffer, format: 'csv' | 'xlsx'): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  const sheet =
    format === 'xlsx'
      ? (await workbook.xlsx.load(bytes as unknown as ArrayBuffer), workbook.worksheets[0])
      : await workbook.csv.read(Readable.from([bytes.toString('utf8').replace(/^\uFEFF/, '')]), { parserOptions: { delimiter: ';' }, map: (v: unknown) => v });
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const values = Array.from((row.values as unknown[]).slice(1), (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value === null || value === undefined ? '' : String(value)));
    while (values.length < 12 && rows.length > 0 && values.length < rows[0].length) values.push('');
    rows.push(values);
  });
  return rows;
}

// Each import and export reads or writes its workbook in a fresh worker thread (from the TypeScript sources here).
describe('equipment:export', { timeout: 120_000 }, () => {
  it('writes an .xlsx whose rows read back with exceljs are the equipment of the database, with French headers and words', async () => {
    const file = await exportFile({ format: 'xlsx' });
    expect(file.fileName).toBe('equipements-2026-11-30.xlsx');
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const rows = await readRows(file.bytes, 'xlsx');
    expect(rows[0]).toEqual(['Code', 'Désignation', 'Localisation', 'Parent', 'Catégorie', 'Criticité', 'Statut', 'Fabricant', 'Modèle', 'N° de série', 'Date de mise en service', 'Notes']);
    expect(rows.slice(1).map((row) => row[0])).toEqual(['CP-01', 'CV-01', 'FOUR-01', 'PR-250', 'PR-250-GH', 'PR-250-GH-P1', 'RB-01', 'TOUR-01']);
    expect(rows.find((row) => row[0] === 'PR-250')).toEqual([
      'PR-250',
      'Presse hydraulique 250 t',
      'L1',
      '',
      'Presse',
      'A',
      'En service',
      'Schuler',
      'PH-250',
      'SN-4471',
      '2019-03-15',
      'Contrôle annuel obligatoire',
    ]);
    expect(rows.find((row) => row[0] === 'RB-01')?.[6]).toBe("À l'arrêt");
    expect((await auditEntries(core, 'equipment.exported'))[0].details).toEqual({ dataset: 'equipment', format: 'xlsx', rows: 8 });
  });

  it('writes CSV for French Excel: BOM, `;`, dates JJ/MM/AAAA; and the same rows as the .xlsx', async () => {
    const file = await exportFile({ format: 'csv' });
    expect(file.fileName).toBe('equipements-2026-11-30.csv');
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.bytes.toString('utf8').split(/\r?\n/)[0]).toBe('\uFEFFCode;Désignation;Localisation;Parent;Catégorie;Criticité;Statut;Fabricant;Modèle;N° de série;Date de mise en service;Notes');
    const csvRows = await readRows(file.bytes, 'csv');
    const xlsxRows = await readRows((await exportFile({ format: 'xlsx' })).bytes, 'xlsx');
    const frenchToIso = (row: string[]) => row.map((cell, index) => (index === 10 && /^\d\d\/\d\d\/\d{4}$/.test(cell) ? cell.split('/').reverse().join('-') : cell));
    expect(csvRows.map(frenchToIso)).toEqual(xlsxRows);
    expect(csvRows.find((row) => row[0] === 'PR-250-GH-P1')?.[10]).toBe('02/05/2019');
  });

  it('applies the list filters: a location and its subtree, status, criticality, text without accents or case', async () => {
    const codes = async (filter: object) => (await readRows((await exportFile({ format: 'xlsx', filter })).bytes, 'xlsx')).slice(1).map((row) => row[0]);
    expect(await codes({ locationCode: 'atl-usi' })).toEqual(['CP-01', 'FOUR-01', 'TOUR-01']);
    expect(await codes({ locationCode: 'USINE-LYON' })).toHaveLength(8);
    expect(await codes({ status: ['stopped', 'out_of_service'] })).toEqual(['RB-01', 'TOUR-01']);
    expect(await codes({ criticality: ['A'], locationCode: 'ATL-EMB' })).toEqual(['PR-250', 'PR-250-GH', 'RB-01']);
    expect(await codes({ text: 'POMPE A PALETTES' })).toEqual(['PR-250-GH-P1']);
    const unknown = await core.call(ADMIN_WINDOW, 'equipment:export', { format: 'xlsx', filter: { locationCode: 'NULLE-PART' } });
    expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
  });

  it('exports locations, and an exported file imports back as updates only', async () => {
    const locations = await exportFile({ format: 'csv', dataset: 'locations' });
    expect(locations.fileName).toBe('localisations-2026-11-30.csv');
    expect(await readRows(locations.bytes, 'csv')).toEqual([
      ['Code', 'Nom', 'Type', 'Parent'],
      ['ATL-EMB', 'Atelier emboutissage', 'Zone', 'USINE-LYON'],
      ['ATL-USI', 'Atelier usinage', 'Zone', 'USINE-LYON'],
      ['L1', 'Ligne 1 presses', 'Ligne', 'ATL-EMB'],
      ['L2', 'Ligne 2 tournage', 'Ligne', 'ATL-USI'],
      ['USINE-LYON', 'Usine de Lyon', 'Site', ''],
    ]);
    for (const file of [locations, await exportFile({ format: 'xlsx' }), await exportFile({ format: 'csv' })]) {
      const again = await core.call(ADMIN_WINDOW, 'equipment:importCommit', { fileName: file.fileName, contentBase64: file.contentBase64 });
      expect(again.ok ? { create: again.data.create, errors: again.data.errors } : again.error).toEqual({ create: 0, errors: [] });
    }
    const robot = await core.database.kysely.selectFrom('equipment').selectAll().where('code', '=', 'PR-250-GH-P1').executeTakeFirstOrThrow();
    expect(robot).toMatchObject({ commissioned_on: '2019-05-02', category: 'pompe', status: 'in_service' });
  });
});

describe('equipment:labels', { timeout: 120_000 }, () => {
  it('prints an A4 PDF whose text holds every code and designation of the filter, and previews the count', async () => {
    const preview = await core.call(ADMIN_WINDOW, 'equipment:labelsPreview', { locationCode: 'ATL-EMB' });
    expect(preview.ok ? { total: preview.data.total, codes: preview.data.items.map((item) => item.code) } : preview.error).toEqual({
      total: 5,
      codes: ['CV-01', 'PR-250', 'PR-250-GH', 'PR-250-GH-P1', 'RB-01'],
    });

    const result = await core.call(ADMIN_WINDOW, 'equipment:labels', { filter: { locationCode: 'ATL-EMB' } });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.data.fileName).toBe('etiquettes-2026-11-30.pdf');
    const pdfBytes = new Uint8Array(Buffer.from(result.data.contentBase64, 'base64'));
    expect(Buffer.from(pdfBytes.subarray(0, 5)).toString()).toBe('%PDF-');

    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await pdfjs.getDocument({ data: pdfBytes, useSystemFonts: false, isEvalSupported: false }).promise;
    expect(pdf.numPages).toBe(1);
    const page = await pdf.getPage(1);
    const [, , width, height] = page.view;
    // A4 in points: 595 × 842.
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    const text = (await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ');
    for (const code of ['CV-01', 'PR-250', 'PR-250-GH', 'PR-250-GH-P1', 'RB-01']) expect(text).toContain(code);
    expect(text).toContain('Presse hydraulique 250 t');
    expect(text).toContain('Robot de soudure cellule 1');
    expect(text).not.toContain('TOUR-01');
    expect((await auditEntries(core, 'equipment.labels_printed'))[0].details).toEqual({ count: 5 });
  });

  it('prints chosen codes (whatever their case), 24 labels a page, and refuses more than 500', async () => {
    const result = await core.call(ADMIN_WINDOW, 'equipment:labels', { codes: ['tour-01', 'FOUR-01'] });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await pdfjs.getDocument({ data: new Uint8Array(Buffer.from(result.data.contentBase64, 'base64')) }).promise;
    const text = (await (await pdf.getPage(1)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ');
    expect(text).toContain('TOUR-01');
    expect(text).toContain('Four de traitement thermique');

    const tooMany = await core.call(ADMIN_WINDOW, 'equipment:labels', { codes: Array.from({ length: 501 }, (_, i) => `E-${i}`) });
    expect(tooMany.ok ? null : tooMany.error.code).toBe('VALIDATION_FAILED');
    const none = await core.call(ADMIN_WINDOW, 'equipment:labels', { codes: ['INCONNU'] });
    expect(none.ok ? null : none.error.code).toBe('NOT_FOUND');

    const html = await renderLabelsHtml(
      Array.from({ length: 25 }, (_, i) => ({ code: `E-${i}`, designation: `Équipement ${i}` })),
      'test',
    );
    expect(html.match(/<section class="sheet">/g)).toHaveLength(2);
  });

  it("puts in each label a QR code of the equipment's code (the SVG the same options make from that code), HTML-escaped text", async () => {
    const html = await renderLabelsHtml(
      [
        { code: 'PR-250', designation: 'Presse <250 t> & "outils"' },
        { code: 'CV-01', designation: 'Convoyeur' },
      ],
      'test',
    );
    const pr = await labelQrSvg('PR-250');
    const cv = await labelQrSvg('CV-01');
    expect(pr).not.toBe(cv);
    const labels = html.split('<div class="label">').slice(1);
    expect(labels[0]).toContain(pr);
    expect(labels[0]).toContain('Presse &lt;250 t&gt; &amp; &quot;outils&quot;');
    expect(labels[1]).toContain(cv);
    expect(html).not.toMatch(/<script/i);
  });
});
