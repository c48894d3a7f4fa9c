// Node (tests). The inventory count sheet: one A4 page per bin, in French, an empty box per line for the counted
// quantity, and the expected quantity not printed (a blind count); text from the data is escaped.
import { describe, expect, it } from 'vitest';
import type { InventoryView } from '../../../shared/stock/contract';
import { inventorySheetHtml } from './stock-documents';

const line = (code: string, bin: string, expected: number) => ({
  part: { id: 1, code, designation: `Désignation <${code}>`, unit: 'pce' },
  bin: { id: bin === 'A-01' ? 1 : 2, code: bin },
  expectedMilli: expected,
  countedMilli: null,
  movedSinceMilli: 0,
  differenceMilli: null,
  adjustmentMilli: null,
  differenceValueCents: null,
});

describe('inventory count sheet', () => {
  it('prints one page per bin with boxes and without the expected quantities', () => {
    const count: InventoryView = {
      id: 7,
      store: { id: 1, code: 'MAG1', name: 'Magasin central' },
      status: 'open',
      createdAt: 0,
      createdBy: 'Rémi',
      appliedAt: null,
      lines: 3,
      counted: 0,
      entries: [line('JNT-040', 'A-01', 123_000), line('RLT-6204', 'A-01', 456_000), line('CRR-800', 'B-02', 789_000)],
    };
    const html = inventorySheetHtml(count, Date.UTC(2026, 10, 30, 9));
    expect(html.match(/<section class="page">/g)).toHaveLength(2);
    expect(html).toContain('Emplacement <strong>A-01</strong>');
    expect(html).toContain('Emplacement <strong>B-02</strong>');
    expect(html).toContain('Quantité comptée');
    expect(html.match(/<td class="box"><\/td>/g)).toHaveLength(3);
    expect(html).toContain('Désignation &lt;JNT-040&gt;');
    expect(html).not.toMatch(/123|456|789/);
    expect(html).toContain('size: A4');
  });
});
