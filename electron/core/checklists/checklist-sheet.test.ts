// Node (tests). The gamme on the printed OT sheet: `workOrders:printSheet` of an OT with copied steps, printed by
// real Chromium, read back by pdfjs: each step with its boxes (☐ OK ☐ NOK ☐ N.A.), the value line with the unit
// and limits, the meter's name, and the « obligatoire » note.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChromiumPdfPrinter } from '../../../tests/harness/chromium-pdf-printer';
import { createTestCore, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import { preparePlant, W } from '../../../tests/support/work-orders-plant';

const chromium = createChromiumPdfPrinter();
/** The HTML printed last: GMAO_SHEET_HTML=<file> keeps it, so the page can be looked at (a screenshot of the sheet). */
let printedHtml = '';
const printer = {
  print: (html: string) => {
    printedHtml = html;
    return chromium.print(html);
  },
  close: () => chromium.close(),
};
let core: TestCore;

beforeEach(async () => {
  core = await createTestCore({ pdfPrinter: printer });
});
afterEach(async () => {
  await core.dispose();
});
afterAll(async () => {
  await printer.close();
});

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: bytes, useSystemFonts: true }).promise;
  const parts: string[] = [];
  for (let i = 1; i <= document.numPages; i++) {
    const content = await (await document.getPage(i)).getTextContent();
    parts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return parts.join('\n').replace(/\s+/g, ' ');
}

describe(`the gamme on the OT sheet on ${TEST_ENGINE}`, () => {
  it('prints every step with boxes, the value line with unit and limits, and the meter to read', async () => {
    const plant = await preparePlant(core);
    const step = { required: true, help: '', unit: '', minValue: null, maxValue: null };
    const gamme = await core.call(W.manager, 'checklists:create', {
      code: 'PRESSE-250H',
      name: 'Visite presse 250 h',
      description: '',
      steps: [
        { ...step, kind: 'check', label: 'Niveau d’huile correct', help: 'Voyant côté opérateur' },
        { ...step, kind: 'measurement', label: 'Pression hydraulique', unit: 'bar', minValue: 2, maxValue: 6.5 },
        { ...step, kind: 'text', label: 'Observations', required: false },
        { ...step, kind: 'photo', label: 'Photo du filtre', required: false },
        { ...step, kind: 'meter', label: 'Relevé horaire', unit: 'Heures de marche' },
      ],
    });
    if (!gamme.ok) throw new Error(gamme.error.code);
    const created = await core.call(W.manager, 'workOrders:create', { equipmentCode: 'PR-003', type: 'preventive', priority: 3, title: 'Visite 250 h', description: '', plannedAt: core.clock.now(), dueAt: null, estimatedMinutes: 60, assigneeIds: [plant.ids.tech] });
    if (!created.ok) throw new Error(created.error.code);
    const attached = await core.call(W.manager, 'checklists:attachToWorkOrder', { number: created.data.number, code: 'PRESSE-250H' });
    if (!attached.ok) throw new Error(attached.error.code);

    const result = await core.call(W.tech, 'workOrders:printSheet', { number: created.data.number });
    if (!result.ok) throw new Error(result.error.code);
    const bytes = new Uint8Array(Buffer.from(result.data.base64, 'base64'));
    if (process.env.GMAO_SHEET_OUT) (await import('node:fs')).writeFileSync(process.env.GMAO_SHEET_OUT, bytes);
    if (process.env.GMAO_SHEET_HTML) (await import('node:fs')).writeFileSync(process.env.GMAO_SHEET_HTML, printedHtml);
    const text = await pdfText(bytes);
    for (const expected of [
      'Gamme PRESSE-250H — Visite presse 250 h',
      'Niveau d’huile correct',
      'Voyant côté opérateur',
      '☐ OK',
      '☐ NOK',
      '☐ N.A.',
      'Pression hydraulique',
      'bar (min 2 – max 6,5)',
      'Observations',
      'Photo du filtre',
      'Relevé du compteur « Heures de marche »',
      'étape obligatoire',
      // The rest of the sheet is still there.
      'Temps passés',
      'Responsable',
    ]) {
      expect(text).toContain(expected);
    }
  }, 60_000);
});
