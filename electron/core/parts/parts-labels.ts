// Pure (Node). The magasin's QR label sheet: the kernel's label sheet (3 × 8 on A4, as the equipment labels). A
// part's label carries its référence, a bin's « MAG-01/A-03-2 » (store code / bin code): what a USB scanner types
// into the parts list's search box.
import { LABEL_QR_OPTIONS, labelQrSvg, renderLabelSheet, type LabelItem } from '../kernel/platform/label-sheet';

/** One label: the code the QR holds, its designation, and a small third line (the bin's store, a part's maker ref). */
export type PartLabelItem = LabelItem;

export { LABELS_PER_PAGE } from '../kernel/platform/label-sheet';

/** Fixed options: a test regenerates the same SVG from the code to prove the label encodes it. */
export const PART_LABEL_QR_OPTIONS = LABEL_QR_OPTIONS;

export const partLabelQrSvg = labelQrSvg;

export function renderPartLabelsHtml(items: readonly PartLabelItem[], title: string): Promise<string> {
  return renderLabelSheet(items, title);
}
