// Pure (Node). The dashboard as files: the .xlsx export (exceljs, one sheet per figure, with its formula in French)
// and the monthly report as self-contained A4 HTML that main's PdfPrinter turns into a PDF.
import ExcelJS from 'exceljs';
import type { IndicatorsView, MonthCost } from '../../../shared/indicators/contract';
import { KPI_FORMULAS } from '../../../shared/indicators/formulas';
import { formatCents } from '../../../shared/stock/quantity';
import { escapeHtml } from '../kernel/platform/escape-html';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HOUR = 3_600_000;

const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / HOUR) * 10) / 10);
const euros = (cents: number) => Math.round(cents) / 100;
const percent = (value: number | null) => (value === null ? null : Math.round(value * 10000) / 100);

function frDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

function sheet(workbook: ExcelJS.Workbook, name: string, formula: string | null, headers: string[], rows: (string | number | null)[][], widths: number[] = []): void {
  const ws = workbook.addWorksheet(name);
  let first = 1;
  if (formula) {
    ws.getCell('A1').value = formula;
    ws.getCell('A1').font = { italic: true };
    first = 3;
  }
  const header = ws.getRow(first);
  headers.forEach((h, i) => {
    header.getCell(i + 1).value = h;
    ws.getColumn(i + 1).width = widths[i] ?? 18;
  });
  header.font = { bold: true };
  rows.forEach((row, r) => ws.getRow(first + 1 + r).values = row as ExcelJS.CellValue[]);
}

const costCells = (m: MonthCost) => [euros(m.labourCents), euros(m.partsCents), euros(m.servicesCents), euros(m.totalCents)];

export async function buildIndicatorsWorkbook(view: IndicatorsView, compliance: number | null): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const scope = view.location?.name ?? 'Tout le site';
  sheet(
    workbook,
    'Synthèse',
    `Indicateurs du ${frDate(view.period.from)} au ${frDate(view.period.to)} — ${scope}`,
    ['Indicateur', 'Valeur', 'Unité', 'Formule'],
    [
      ['MTBF', hours(view.mtbfMs), 'h', KPI_FORMULAS.mtbf],
      ['MTTR', hours(view.mttrMs), 'h', KPI_FORMULAS.mttr],
      ['Disponibilité', percent(view.availability), '%', KPI_FORMULAS.availability],
      ['Défaillances', view.failures, '', ''],
      ['Temps de fonctionnement', hours(view.operatingMs), 'h', ''],
      ['Arrêts', hours(view.downtimeMs), 'h', ''],
      ['Backlog', hours(view.backlog.estimatedMinutes * 60_000), 'h', KPI_FORMULAS.backlog],
      ['Backlog en semaines', view.backlog.weeks === null ? null : Math.round(view.backlog.weeks * 10) / 10, 'semaines', ''],
      ['Taux de réalisation du préventif', percent(compliance), '%', KPI_FORMULAS.compliance],
      ['Ratio préventif / correctif', view.labour.ratio === null ? null : Math.round(view.labour.ratio * 100) / 100, '', KPI_FORMULAS.ratio],
      ['Coût total', euros(view.cost.totalCents), '€', KPI_FORMULAS.cost],
    ],
    [34, 14, 10, 120],
  );
  sheet(
    workbook,
    'Disponibilité par lieu',
    KPI_FORMULAS.availability,
    ['Localisation', 'Équipements', 'Temps calendaire (h)', 'Arrêts (h)', 'Défaillances', 'Disponibilité (%)'],
    view.byLocation.map((l) => [l.name || '(sans localisation)', l.equipmentCount, hours(l.calendarMs), hours(l.downtimeMs), l.failures, percent(l.availability)]),
    [36, 14, 20, 14, 14, 18],
  );
  sheet(workbook, 'Coût par mois', KPI_FORMULAS.cost, ['Mois', 'Main-d’œuvre (€)', 'Pièces (€)', 'Prestations (€)', 'Total (€)'], view.costByMonth.map((m) => [m.month, ...costCells(m)]));
  const months = view.costByMonth.map((m) => m.month);
  sheet(
    workbook,
    'Coût équipement × mois',
    'Coût (€) des 10 équipements les plus coûteux, par mois.',
    ['Code', 'Désignation', ...months, 'Total'],
    view.topCost.map((e) => [e.code, e.designation, ...e.months.map((m) => euros(m.totalCents)), euros(e.totalCents)]),
    [16, 36],
  );
  sheet(
    workbook,
    'Top 10 arrêts',
    KPI_FORMULAS.topDowntime,
    ['Code', 'Désignation', 'Arrêts (h)', 'Défaillances', 'Disponibilité (%)'],
    view.topDowntime.map((e) => [e.code, e.designation, hours(e.downtimeMs), e.failures, percent(e.availability)]),
    [16, 36, 14, 14, 18],
  );
  sheet(workbook, 'Top 10 coûts', KPI_FORMULAS.topCost, ['Code', 'Désignation', 'Total (€)'], view.topCost.map((e) => [e.code, e.designation, euros(e.totalCents)]), [16, 36, 14]);
  sheet(
    workbook,
    'Main-d’œuvre',
    KPI_FORMULAS.ratio,
    ['Type d’OT', 'Heures'],
    [
      ['Préventif', hours(view.labour.preventiveMinutes * 60_000)],
      ['Correctif', hours(view.labour.correctiveMinutes * 60_000)],
      ['Autres', hours(view.labour.otherMinutes * 60_000)],
    ],
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}


const MONTH_NAMES = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${MONTH_NAMES[m - 1]} ${y}`;
}

function fmtHours(ms: number | null): string {
  if (ms === null) return '—';
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(ms / HOUR)} h`;
}

function fmtPercent(value: number | null): string {
  return value === null ? '—' : new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** The monthly report: the month's figures with their formulas, the cost split and the two top 10s, on A4 in French. */
export function renderMonthlyReport(view: IndicatorsView, month: string, compliance: number | null, printedAt: number): string {
  const e = escapeHtml;
  const scope = view.location?.name ?? 'Tout le site';
  const figure = (label: string, value: string, formula: string) => `<tr><th>${e(label)}</th><td class="value">${e(value)}</td><td class="formula">${e(formula)}</td></tr>`;
  const printed = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(printedAt));
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Rapport mensuel — ${e(monthLabel(month))}</title>
<style>
  @page { size: A4; margin: 14mm; }
  body { font-family: Arial, Helvetica, sans-serif; font-size: 10pt; color: #000; margin: 0; }
  h1 { font-size: 17pt; margin: 0 0 1mm; }
  h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 1px solid #000; }
  p.sub { margin: 0 0 4mm; }
  table { width: 100%; border-collapse: collapse; margin-bottom: 2mm; }
  th, td { border: 1px solid #777; padding: 1.2mm 1.8mm; text-align: left; vertical-align: top; }
  td.value, td.num { text-align: right; white-space: nowrap; font-weight: bold; }
  td.num { font-weight: normal; }
  td.formula { font-size: 8pt; color: #222; }
  thead th { background: #eee; }
  footer { margin-top: 6mm; font-size: 8pt; color: #444; }
</style></head><body>
<h1>Rapport mensuel de maintenance — ${e(monthLabel(month))}</h1>
<p class="sub">Périmètre : ${e(scope)} · ${view.equipmentCount} équipements · du ${e(frDate(view.period.from))} au ${e(frDate(view.period.to))}</p>
<h2>Indicateurs</h2>
<table>
${figure('MTBF', fmtHours(view.mtbfMs), KPI_FORMULAS.mtbf)}
${figure('MTTR', fmtHours(view.mttrMs), KPI_FORMULAS.mttr)}
${figure('Disponibilité', fmtPercent(view.availability), KPI_FORMULAS.availability)}
${figure('Défaillances', String(view.failures), 'Arrêts fortuits commencés dans le mois.')}
${figure('Backlog', `${fmtHours(view.backlog.estimatedMinutes * 60_000)} (${view.backlog.weeks === null ? '—' : new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(view.backlog.weeks)} sem.)`, KPI_FORMULAS.backlog)}
${figure('Taux de réalisation du préventif', fmtPercent(compliance), compliance === null ? `${KPI_FORMULAS.compliance} (non disponible sur cette version).` : KPI_FORMULAS.compliance)}
${figure('Ratio préventif / correctif', view.labour.ratio === null ? '—' : new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(view.labour.ratio), KPI_FORMULAS.ratio)}
</table>
<h2>Coûts du mois</h2>
<table><thead><tr><th>Main-d’œuvre</th><th>Pièces</th><th>Prestations</th><th>Total</th></tr></thead>
<tbody><tr><td class="num">${e(formatCents(view.cost.labourCents))}</td><td class="num">${e(formatCents(view.cost.partsCents))}</td><td class="num">${e(formatCents(view.cost.servicesCents))}</td><td class="value">${e(formatCents(view.cost.totalCents))}</td></tr></tbody></table>
<p class="sub" style="font-size:8pt">${e(KPI_FORMULAS.cost)}</p>
<h2>Top 10 des équipements les plus arrêtés</h2>
<table><thead><tr><th>Code</th><th>Désignation</th><th>Arrêts</th><th>Défaillances</th><th>Disponibilité</th></tr></thead><tbody>
${view.topDowntime.map((r) => `<tr><td>${e(r.code)}</td><td>${e(r.designation)}</td><td class="num">${e(fmtHours(r.downtimeMs))}</td><td class="num">${r.failures}</td><td class="num">${e(fmtPercent(r.availability))}</td></tr>`).join('\n') || '<tr><td colspan="5">Aucun arrêt ce mois-ci.</td></tr>'}
</tbody></table>
<h2>Top 10 des équipements les plus coûteux</h2>
<table><thead><tr><th>Code</th><th>Désignation</th><th>Coût</th></tr></thead><tbody>
${view.topCost.map((r) => `<tr><td>${e(r.code)}</td><td>${e(r.designation)}</td><td class="num">${e(formatCents(r.totalCents))}</td></tr>`).join('\n') || '<tr><td colspan="3">Aucun coût ce mois-ci.</td></tr>'}
</tbody></table>
<footer>GMAO Atelier — imprimé le ${e(printed)}. Hypothèse : fonctionnement requis 24 h/24, 7 j/7.</footer>
</body></html>`;
}
