// Pure (Node). The gamme's part of the printed OT sheet: each step with boxes to fill by hand on the shop floor
// (☐ OK ☐ NOK ☐ N.A., a line for a value with its unit and limits, a box for text), in French, black and white.
// work-order-sheet.ts inserts this HTML; its styles are inline so the sheet's own CSS stays as it is.
import { limitsText } from '../../../shared/checklists/steps';
import { escapeHtml } from '../kernel/platform/escape-html';

export interface PrintableStep {
  position: number;
  kind: 'check' | 'measurement' | 'text' | 'photo' | 'meter';
  label: string;
  required: boolean;
  unit: string | null;
  minValue: number | null;
  maxValue: number | null;
  help: string | null;
}


const LINE = '<span style="display:inline-block;min-width:32mm;border-bottom:1px solid #000">&nbsp;</span>';

function answerCell(step: PrintableStep): string {
  const e = escapeHtml;
  switch (step.kind) {
    case 'check':
      return '☐ OK &nbsp; ☐ NOK &nbsp; ☐ N.A.';
    case 'measurement': {
      const limits = limitsText(step.minValue, step.maxValue);
      return `Valeur : ${LINE} ${e(step.unit ?? '')}${limits ? ` &nbsp;(${e(limits)})` : ''}`;
    }
    case 'meter':
      return `Relevé du compteur « ${e(step.unit ?? '')} » : ${LINE}`;
    case 'photo':
      return '☐ Photo prise (à joindre à l’OT)';
    case 'text':
      return '<div style="border:1px solid #000;min-height:12mm"></div>';
  }
}

/** The « Gamme » section of the sheet, or '' when the OT has no steps. */
export function renderChecklistSection(steps: readonly PrintableStep[], checklist: { code: string; name: string } | null): string {
  if (steps.length === 0) return '';
  const e = escapeHtml;
  const rows = steps
    .map(
      (step) => `<tr style="page-break-inside:avoid">
  <td style="width:8mm;text-align:center">${step.position}</td>
  <td style="width:45%"><strong>${e(step.label)}</strong>${step.required ? ' *' : ''}${step.help ? `<div style="font-size:8.5pt">${e(step.help)}</div>` : ''}</td>
  <td>${answerCell(step)}</td>
</tr>`,
    )
    .join('');
  const title = checklist ? `Gamme ${e(checklist.code)} — ${e(checklist.name)}` : 'Gamme';
  return `<h2>${title}</h2>
<table class="checklist"><thead><tr><th>N°</th><th>Étape</th><th>Résultat</th></tr></thead><tbody>${rows}</tbody></table>
<div style="font-size:8.5pt;margin-top:1mm">* étape obligatoire avant de terminer l’OT.</div>`;
}
