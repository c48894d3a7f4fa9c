// Pure (Node). The OT sheet printed on A4 (the paper round-trip of the shop floor): self-contained HTML in French,
// black and white, with a QR code (inline SVG) carrying the OT number back to the PC, the work to do, a time grid
// and boxes to fill by hand, and signature boxes. main's PdfPrinter turns it into a PDF.
import QRCode from 'qrcode';
import type { WorkOrderView } from '../../../shared/work-orders/contract';
import { STATUS_LABELS_FR } from '../../../shared/work-orders/transitions';
import { renderChecklistSection, type PrintableStep } from '../checklists';
import { escapeHtml } from '../kernel/platform/escape-html';

const TYPE_LABELS: Record<WorkOrderView['type'], string> = {
  corrective: 'Corrective',
  preventive: 'Préventive',
  improvement: 'Amélioration',
  safety: 'Sécurité',
  regulatory: 'Réglementaire',
};
const PRIORITY_LABELS: Record<number, string> = { 1: '1 — Urgente', 2: '2 — Haute', 3: '3 — Normale', 4: '4 — Basse' };


function formatDate(ms: number | null): string {
  if (ms === null) return '—';
  return new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(ms));
}

function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '—';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')}` : `${m} min`;
}

export function workOrderSheetFileName(number: string): string {
  return `${number}.pdf`;
}

export async function renderWorkOrderSheet(
  order: WorkOrderView,
  printedAt: number,
  gamme: { steps: readonly PrintableStep[]; checklist: { code: string; name: string } | null } = { steps: [], checklist: null },
): Promise<string> {
  const qr = await QRCode.toString(order.number, { type: 'svg', errorCorrectionLevel: 'M', margin: 0, color: { dark: '#000000', light: '#ffffff' } });
  const e = escapeHtml;
  const location = order.equipment.locationPath.join(' › ') || '—';
  const assignees = order.assignees.map((a) => a.displayName).join(', ') || '—';
  const rows = Array.from({ length: 6 }, () => '<tr><td></td><td></td><td></td><td></td><td></td></tr>').join('');
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${e(order.number)}</title>
<style>
  @page { size: A4; margin: 12mm; }
  * { box-sizing: border-box; }
  body { font-family: Arial, Helvetica, sans-serif; font-size: 10.5pt; color: #000; margin: 0; }
  header { display: flex; justify-content: space-between; align-items: flex-start; border-bottom: 2px solid #000; padding-bottom: 4mm; }
  h1 { font-size: 20pt; margin: 0 0 2mm; }
  h2 { font-size: 10.5pt; margin: 3mm 0 1mm; }
  .qr { width: 30mm; height: 30mm; }
  .qr svg { width: 100%; height: 100%; }
  .meta { display: grid; grid-template-columns: 35mm 1fr 35mm 1fr; gap: 1mm 3mm; margin-top: 3mm; }
  .meta dt { font-weight: bold; }
  .meta dd { margin: 0; }
  .box { border: 1px solid #000; padding: 2mm; min-height: 12mm; white-space: pre-wrap; }
  .write { border: 1px solid #000; min-height: 14mm; }
  table { width: 100%; border-collapse: collapse; }
  th, td { border: 1px solid #000; padding: 1mm 1.5mm; text-align: left; height: 7.5mm; }
  th { background: #fff; font-size: 9.5pt; }
  .grid3 { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 3mm; }
  .signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; margin-top: 4mm; }
  .signatures .write { min-height: 20mm; padding: 1.5mm; font-size: 8.5pt; }
  footer { margin-top: 3mm; font-size: 8.5pt; }
</style></head>
<body>
<header>
  <div>
    <div>Ordre de travail</div>
    <h1>${e(order.number)}</h1>
    <div><strong>${e(order.title)}</strong></div>
    <div>État : ${e(STATUS_LABELS_FR[order.status])}</div>
  </div>
  <div class="qr" aria-label="QR code ${e(order.number)}">${qr}</div>
</header>
<dl class="meta">
  <dt>Type</dt><dd>${e(TYPE_LABELS[order.type])}</dd>
  <dt>Priorité</dt><dd>${e(PRIORITY_LABELS[order.priority] ?? String(order.priority))}</dd>
  <dt>Équipement</dt><dd>${e(order.equipment.code)} — ${e(order.equipment.designation)}</dd>
  <dt>Localisation</dt><dd>${e(location)}</dd>
  <dt>Date prévue</dt><dd>${e(formatDate(order.plannedAt))}</dd>
  <dt>Échéance</dt><dd>${e(formatDate(order.dueAt))}</dd>
  <dt>Durée estimée</dt><dd>${e(formatMinutes(order.estimatedMinutes))}</dd>
  <dt>Intervenants</dt><dd>${e(assignees)}</dd>
  ${order.request ? `<dt>Demande (DI)</dt><dd>${e(order.request.number)}</dd>` : ''}
</dl>
<h2>Description</h2>
<div class="box">${e(order.description || '—')}</div>
${order.request ? `<h2>Symptôme signalé</h2><div class="box">${e(order.request.symptom)}</div>` : ''}
${renderChecklistSection(gamme.steps, gamme.checklist)}
<h2>Temps passés</h2>
<table><thead><tr><th style="width:20%">Date</th><th style="width:35%">Intervenant</th><th>Début</th><th>Fin</th><th>Durée</th></tr></thead><tbody>${rows}</tbody></table>
<div class="grid3">
  <div><h2>Cause</h2><div class="write"></div></div>
  <div><h2>Remède</h2><div class="write"></div></div>
  <div><h2>Pièces utilisées</h2><div class="write"></div></div>
</div>
<h2>Notes</h2>
<div class="write" style="min-height:18mm"></div>
<div style="margin-top:2mm">Équipement remis en service : ☐ Oui &nbsp; ☐ Non</div>
<div class="signatures">
  <div><h2>Intervenant</h2><div class="write">Nom, date et signature</div></div>
  <div><h2>Responsable</h2><div class="write">Nom, date et signature</div></div>
</div>
<footer>Imprimé le ${e(formatDate(printedAt))} — scannez le QR code au poste pour retrouver cet OT.</footer>
</body></html>`;
}
