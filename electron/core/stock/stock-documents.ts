// Pure (Node). The magasin's documents: the reorder list as .xlsx for purchasing (exceljs, French headers, real
// numbers) and the inventory count sheet, one A4 page per bin in French with an empty box per line for the counted
// quantity (blind count: the expected quantity is not printed, so the count is not copied from it).
import ExcelJS from 'exceljs';
import type { InventoryView, ReorderLine } from '../../../shared/stock/contract';
import { fromMilli } from '../../../shared/stock/quantity';
import { escapeHtml } from '../kernel/platform/escape-html';

export async function reorderWorkbook(lines: readonly ReorderLine[], at: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(at);
  const sheet = workbook.addWorksheet('Réapprovisionnement', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Magasin', width: 12 },
    { header: 'Référence', width: 16 },
    { header: 'Désignation', width: 40 },
    { header: 'Unité', width: 8 },
    { header: 'Stock', width: 10 },
    { header: 'Réservé', width: 10 },
    { header: 'Disponible', width: 11 },
    { header: 'Mini', width: 8 },
    { header: 'Maxi', width: 8 },
    { header: 'Quantité suggérée', width: 18 },
    { header: 'Fournisseur', width: 24 },
    { header: 'Réf. fournisseur', width: 18 },
    { header: 'Délai (jours)', width: 12 },
    { header: 'Prix unitaire (€)', width: 16 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const line of lines) {
    sheet.addRow([
      line.store.code,
      line.part.code,
      line.part.designation,
      line.part.unit,
      fromMilli(line.quantityMilli),
      fromMilli(line.reservedMilli),
      fromMilli(line.availableMilli),
      fromMilli(line.minMilli),
      line.maxMilli === null ? null : fromMilli(line.maxMilli),
      fromMilli(line.suggestedMilli),
      line.supplier,
      line.supplierRef,
      line.leadTimeDays,
      line.unitPriceCents === null ? null : line.unitPriceCents / 100,
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}


export function inventorySheetHtml(count: InventoryView, printedAt: number): string {
  const e = escapeHtml;
  const date = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(printedAt));
  const byBin = new Map<string, InventoryView['entries']>();
  for (const line of count.entries) byBin.set(line.bin.code, [...(byBin.get(line.bin.code) ?? []), line]);
  const pages = [...byBin.entries()].map(
    ([bin, lines]) => `
    <section class="page">
      <header>
        <h1>Inventaire n° ${count.id} — fiche de comptage</h1>
        <p>Magasin <strong>${e(count.store.code)}</strong> ${e(count.store.name)} · Emplacement <strong>${e(bin)}</strong> · imprimée le ${e(date)}</p>
      </header>
      <table>
        <thead><tr><th>Référence</th><th>Désignation</th><th>Unité</th><th class="box">Quantité comptée</th></tr></thead>
        <tbody>
          ${lines.map((line) => `<tr><td>${e(line.part.code)}</td><td>${e(line.part.designation)}</td><td>${e(line.part.unit)}</td><td class="box"></td></tr>`).join('')}
        </tbody>
      </table>
      <p class="note">Comptez ce qui est physiquement dans l'emplacement et écrivez-le dans la case, même 0. Une pièce trouvée ici mais absente de la liste : notez-la au dos.</p>
      <footer><span>Compté par : ____________________</span><span>Date et heure : ____________________</span><span>Signature :</span></footer>
    </section>`,
  );
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Inventaire ${count.id}</title><style>
    @page { size: A4; margin: 14mm; }
    body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; color: #000; }
    .page { page-break-after: always; }
    .page:last-child { page-break-after: auto; }
    h1 { font-size: 16pt; margin: 0 0 4px; }
    table { width: 100%; border-collapse: collapse; margin-top: 10px; }
    th, td { border: 1px solid #000; padding: 6px; text-align: left; vertical-align: middle; }
    th { background: #eee; }
    td.box, th.box { width: 32mm; }
    td.box { height: 9mm; }
    .note { font-size: 9pt; margin-top: 8px; }
    footer { display: flex; justify-content: space-between; margin-top: 18px; font-size: 10pt; }
  </style></head><body>${pages.join('') || '<p>Aucune ligne à compter dans ce magasin.</p>'}</body></html>`;
}
