// Node (tests). The OT sheet through `workOrders:printSheet`: the HTML printed by real Chromium into an A4 PDF,
// whose text pdfjs reads back: the number, the equipment, the description, the DI's symptom and the French headings.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChromiumPdfPrinter } from '../../../tests/harness/chromium-pdf-printer';
import { createTestCore, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import { preparePlant, W } from '../../../tests/support/work-orders-plant';

const printer = createChromiumPdfPrinter();
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

async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: bytes, useSystemFonts: true }).promise;
  const parts: string[] = [];
  for (let i = 1; i <= document.numPages; i++) {
    const content = await (await document.getPage(i)).getTextContent();
    parts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return { pages: document.numPages, text: parts.join('\n').replace(/\s+/g, ' ') };
}

describe(`the OT sheet on ${TEST_ENGINE}`, () => {
  it('prints an A4 PDF in French with the number, equipment, description, symptom, time grid and signature boxes', async () => {
    const plant = await preparePlant(core);
    const now = core.clock.now();
    // An OT that came from a DI: the sheet shows the symptom the requester described.
    const request = await core.database.kysely
      .insertInto('work_requests')
      .values({ number: 'DI-2026-000007', equipment_id: plant.equipmentId, location_id: null, symptom: 'Flaque d’huile sous la presse', machine_stopped: 1, status: 'accepted', reporter_name: 'Opérateur', reporter_user_id: null, workstation: 'POSTE-1', refusal_reason: null, duplicate_of_id: null, work_order_id: null, downtime_id: null, decided_by: null, decided_at: null, search_text: 'x', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created = await core.call(W.manager, 'workOrders:create', { equipmentCode: 'PR-003', type: 'corrective', priority: 1, title: 'Fuite huile vérin', description: 'Remplacer le joint de tige du vérin de fermeture.', plannedAt: now, dueAt: null, estimatedMinutes: 90, assigneeIds: [plant.ids.tech] });
    if (!created.ok) throw new Error(created.error.code);
    await core.database.kysely.updateTable('work_orders').set({ request_id: Number(request.id) }).where('number', '=', created.data.number).execute();

    const result = await core.call(W.tech, 'workOrders:printSheet', { number: created.data.number });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.data.fileName).toBe('OT-2026-000001.pdf');
    const bytes = new Uint8Array(Buffer.from(result.data.base64, 'base64'));
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const { pages, text } = await pdfText(bytes);
    expect(pages).toBe(1);
    if (process.env.GMAO_SHEET_OUT) (await import('node:fs')).writeFileSync(process.env.GMAO_SHEET_OUT, bytes);
    for (const expected of [
      'OT-2026-000001',
      'Fuite huile vérin',
      'PR-003 — Presse à injecter 3',
      'Usine de Lyon › Atelier injection',
      'Remplacer le joint de tige du vérin de fermeture.',
      'Flaque d’huile sous la presse',
      'DI-2026-000007',
      'Corrective',
      '1 — Urgente',
      'Théo Martin',
      'Ordre de travail',
      'Description',
      'Temps passés',
      'Intervenant',
      'Début',
      'Fin',
      'Cause',
      'Remède',
      'Notes',
      'Responsable',
      'Équipement remis en service',
    ]) {
      expect(text).toContain(expected);
    }
  }, 60_000);

  it('is refused to requesters', async () => {
    await preparePlant(core);
    expect(await core.call(W.requester, 'workOrders:printSheet', { number: 'OT-2026-000001' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
