// Pure (Node). The A4 sheet of QR labels every domain prints (équipements, pièces, emplacements): 3 × 8 labels of
// 63.5 × 33.9 mm (the common self-adhesive sheet), each with the code in large type, the designation, an optional
// detail line, and a QR code holding just the code: what a USB scanner "types" into the app's search boxes.
// Self-contained HTML (inline CSS, the QR as inline SVG, no script) for the PdfPrinter.
import QRCode from 'qrcode';
import { escapeHtml } from './escape-html';

export interface LabelItem {
  code: string;
  designation: string;
  /** A small third line (the equipment's location, a bin's store, a part's manufacturer reference). */
  detail?: string | null;
}

export const LABELS_PER_PAGE = 24;

/** Fixed options: a test regenerates the same SVG from the code to prove the label encodes it. */
export const LABEL_QR_OPTIONS = { type: 'svg', errorCorrectionLevel: 'M', margin: 1 } as const;

export function labelQrSvg(code: string): Promise<string> {
  return QRCode.toString(code, LABEL_QR_OPTIONS);
}

/** The code is the label's headline, on one line: the longer it is, the smaller the type; a very long one wraps rather than being cut. */
function codeSize(code: string): string {
  if (code.length <= 8) return 'code--l';
  if (code.length <= 12) return 'code--m';
  if (code.length <= 16) return 'code--s';
  return 'code--xs';
}


export async function renderLabelSheet(items: readonly LabelItem[], title: string): Promise<string> {
  const labels = await Promise.all(
    items.map(async (item) => {
      const svg = await labelQrSvg(item.code);
      return `<div class="label"><div class="qr">${svg}</div><div class="text"><div class="code ${codeSize(item.code)}">${escapeHtml(item.code)}</div><div class="designation">${escapeHtml(
        item.designation,
      )}</div>${item.detail ? `<div class="detail">${escapeHtml(item.detail)}</div>` : ''}</div></div>`;
    }),
  );
  const pages: string[] = [];
  for (let start = 0; start < labels.length; start += LABELS_PER_PAGE) pages.push(`<section class="sheet">${labels.slice(start, start + LABELS_PER_PAGE).join('')}</section>`);
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
  @page { size: A4; margin: 0; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: "DejaVu Sans", Arial, sans-serif; color: #000; }
  /* 3 × 63.5 mm + 2 gaps of 2.5 mm = 195.5 mm wide; 8 × 33.9 mm = 271.2 mm high: centred on 210 × 297 mm. */
  .sheet { width: 210mm; height: 297mm; padding: 12.9mm 7.25mm; display: grid; grid-template-columns: repeat(3, 63.5mm);
    grid-auto-rows: 33.9mm; column-gap: 2.5mm; page-break-after: always; break-after: page; overflow: hidden; }
  .sheet:last-child { page-break-after: auto; break-after: auto; }
  .label { display: flex; align-items: center; gap: 2mm; padding: 2mm 2.5mm; overflow: hidden; }
  .qr { flex: 0 0 27mm; width: 27mm; height: 27mm; }
  .qr svg { width: 27mm; height: 27mm; display: block; }
  .text { min-width: 0; flex: 1; }
  .code { font-weight: 700; line-height: 1.1; white-space: nowrap; overflow: hidden; }
  .code--l { font-size: 14pt; } .code--m { font-size: 10.5pt; } .code--s { font-size: 8pt; }
  .code--xs { font-size: 7.5pt; white-space: normal; overflow-wrap: anywhere; }
  .designation { font-size: 8pt; line-height: 1.2; margin-top: 1mm; overflow: hidden; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3; }
  .detail { font-size: 7pt; margin-top: 1mm; color: #333; }
</style></head>
<body>${pages.join('\n')}</body></html>`;
}
