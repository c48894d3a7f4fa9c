// Pure (main and renderer). Import (dry run, then commit), export and QR label sheets of the parts catalog, for
// responsables and administrators. Files travel as base64 both ways (the renderer reads the chosen file, main builds
// the export and the PDF); main never opens a path it is given. Same shape and limits as the equipment import.
import { z } from 'zod';
import { channel } from '../contract/channel';
import { MANAGERS } from '../contract/roles';

export const PARTS_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const PARTS_IMPORT_MAX_ROWS = 40_000;
export const PARTS_LABELS_MAX = 500;
export const PARTS_IMPORT_PREVIEW_MAX = 300;

const BASE64_MAX = Math.ceil(PARTS_IMPORT_MAX_BYTES / 3) * 4;

export const partsImportFileInput = z.object({
  fileName: z.string().trim().min(1).max(255),
  contentBase64: z.string().min(1).max(BASE64_MAX, 'validation.tooLong'),
});

/** One problem of the file: where (sheet, row as Excel numbers it, column header) and why, in French. */
export interface PartsImportIssue {
  sheet: string;
  row: number;
  column: string;
  reason: string;
}

export interface PartsImportReport {
  /** Parts that will be (dry run) or were (commit) created / updated: a part on several rows (one per supplier) counts once. */
  create: number;
  update: number;
  /** Supplier lines the file gives (they replace the part's suppliers when the file has a « Fournisseur » column). */
  suppliers: number;
  errors: PartsImportIssue[];
  preview: { row: number; code: string; label: string; action: 'create' | 'update' | 'error' }[];
  rows: number;
}

export interface PartsExportedFile {
  fileName: string;
  mimeType: string;
  contentBase64: string;
}

export const partsIoFilter = z.object({
  text: z.string().trim().max(100).optional(),
  category: z.string().trim().max(60).optional(),
  belowMin: z.boolean().optional(),
});
export type PartsIoFilter = z.input<typeof partsIoFilter>;

export const partsLabelsInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('parts'), codes: z.array(z.string().trim().min(1).max(40)).min(1).max(PARTS_LABELS_MAX) }),
  /** A store's bins: the codes chosen, or every active bin of the store. */
  z.object({ kind: z.literal('bins'), storeCode: z.string().trim().min(1).max(40), binCodes: z.array(z.string().trim().min(1).max(40)).min(1).max(PARTS_LABELS_MAX).optional() }),
]);
export type PartsLabelsInput = z.input<typeof partsLabelsInput>;

/** What a bin's QR code holds: « MAG-01/A-03-2 » (store code / bin code). */
export function binLabelCode(storeCode: string, binCode: string): string {
  return `${storeCode}/${binCode}`;
}

export const partsIoContract = {
  'parts:importDryRun': channel<PartsImportReport>()({ input: partsImportFileInput, access: MANAGERS }),
  /** Checks the same file again (never trusts the dry run) and writes every row in one transaction, or nothing. */
  'parts:importCommit': channel<PartsImportReport>()({ input: partsImportFileInput, access: MANAGERS }),
  'parts:importTemplate': channel<PartsExportedFile>()({ input: z.undefined(), access: MANAGERS }),
  'parts:export': channel<PartsExportedFile>()({ input: z.object({ format: z.enum(['csv', 'xlsx']), filter: partsIoFilter.default({}) }), access: MANAGERS }),
  /** How many parts a search matches, and the first PARTS_LABELS_MAX of them, to tick. */
  'parts:labelsPreview': channel<{ total: number; items: { code: string; designation: string }[] }>()({ input: partsIoFilter, access: MANAGERS }),
  'parts:labelStores': channel<{ code: string; name: string; bins: number }[]>()({ input: z.undefined(), access: MANAGERS }),
  'parts:labelBins': channel<{ code: string; binCode: string; label: string | null }[]>()({ input: z.object({ storeCode: z.string().trim().min(1).max(40) }), access: MANAGERS }),
  /** The A4 sheet of QR labels (3 × 8) as a PDF. */
  'parts:labels': channel<PartsExportedFile>()({ input: partsLabelsInput, access: MANAGERS }),
};
