// Pure (Node). The equipment's QR label sheet: the kernel's label sheet with the equipment's location as its detail
// line (what the ScanBox expects a scanner to "type" is the code).
import { labelQrSvg, LABEL_QR_OPTIONS, LABELS_PER_PAGE, renderLabelSheet } from '../kernel/platform/label-sheet';

export { labelQrSvg, LABEL_QR_OPTIONS, LABELS_PER_PAGE };

export interface LabelItem {
  code: string;
  designation: string;
  locationCode?: string | null;
}

export function renderLabelsHtml(items: readonly LabelItem[], title: string): Promise<string> {
  return renderLabelSheet(
    items.map((item) => ({ code: item.code, designation: item.designation, detail: item.locationCode ?? null })),
    title,
  );
}
