// Pure (Node). The A4 sheet of QR labels for the magasin, 3 × 8 labels of 63.5 × 33.9 mm (the common
// self-adhesive sheet, as the equipment labels): a part's label carries its référence, a bin's « MAG-01/A-03-2 »
// (store code / bin code), in large type and in a QR code holding just that text — what a USB scanner types into
// the parts list's search box. Self-contained HTML (inline CSS, the QR as inline SVG, no script) for the PdfPrinter.
import QRCode from 'qrcode';

export interface PartLabelItem {
  code: string;
  designation: string;
  /** A small third line (the bin's store name, a part's manufacturer reference). */
  detail?: string | null;
}

export const LABELS_PER_PAGE = 24;

/** Fixed options: a test regenerates the same SVG from the code to prove the label encodes it. */
export const PART_LABEL_QR_OPTIONS = { type: 'svg', errorCorrectionLevel: 'M', margin: 1 } as const;

export function partLabelQrSvg(code: string): Promise<string> {
  return QRCode.toString(code, PART_LABEL_QR_OPTIONS);
}

function codeSize(code: string): string {
  if (code.length <= 8) return 'code--l';
  if (code.length <= 12) return 'code--m';
  if (code.length <= 16) return 'code--s';
  return 'code--xs';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);
}

export async function renderPartLabelsHtml(items: readonly PartLabelItem[], title: string): Promise<string> {
  const labels = await Promise.all(
    items.map(async (item) => {
      const svg = await partLabelQrSvg(item.code);
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
