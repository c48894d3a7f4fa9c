// Pure. Import (with a dry run first), export and QR label sheets of équipements and localisations: the channels
// of the io part of the `equipment` domain, for responsables and administrators. Files travel as base64 both ways
// (the renderer reads the chosen file, main builds the export and the PDF); main never opens a path it is given.
import { z } from 'zod';
import { MANAGERS } from '../contract/roles';
import { channel } from '../contract/channel';
import { CRITICALITIES, EQUIPMENT_STATUSES } from './contract';

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 20_000;
export const LABELS_MAX = 500;
/** Rows of the dry run's preview the page shows (every error is listed, whatever this says). */
export const IMPORT_PREVIEW_MAX = 300;


export { CRITICALITIES, EQUIPMENT_STATUSES };
export type EquipmentStatusCode = (typeof EQUIPMENT_STATUSES)[number];
export type CriticalityCode = (typeof CRITICALITIES)[number];

/** The same filters as the equipment list: text (code or designation), a location and everything under it, status, criticality. */
export const equipmentIoFilter = z.object({
  text: z.string().trim().max(200).optional(),
  /** A location's code: its whole subtree (site → zones → lignes) is included. */
  locationCode: z.string().trim().max(64).optional(),
  status: z.array(z.enum(EQUIPMENT_STATUSES)).max(4).optional(),
  criticality: z.array(z.enum(CRITICALITIES)).max(3).optional(),
});
export type EquipmentIoFilter = z.input<typeof equipmentIoFilter>;

// base64 of at most IMPORT_MAX_BYTES bytes: 4 characters per 3 bytes.
const BASE64_MAX = Math.ceil(IMPORT_MAX_BYTES / 3) * 4;

export const importFileInput = z.object({
  fileName: z.string().trim().min(1).max(255),
  contentBase64: z.string().min(1).max(BASE64_MAX, 'equipmentIo.fileTooLarge'),
});

export type ImportSheet = 'locations' | 'equipment';

/** One problem of the file: where (sheet, row as Excel numbers it, column header) and why, in French. */
export interface ImportIssue {
  sheet: string;
  row: number;
  column: string;
  reason: string;
}

export interface ImportPreviewRow {
  sheet: ImportSheet;
  row: number;
  code: string;
  label: string;
  action: 'create' | 'update' | 'error';
}

export interface ImportReport {
  /** Rows that will create (dry run) or created (commit) an item, locations and equipment together. */
  create: number;
  update: number;
  counts: Record<ImportSheet, { create: number; update: number }>;
  errors: ImportIssue[];
  /** The first rows, in file order, with what will happen to each. */
  preview: ImportPreviewRow[];
  rows: number;
}

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  contentBase64: string;
}

export interface LabelCandidate {
  code: string;
  designation: string;
  locationCode: string | null;
}

export const equipmentExportInput = z.object({
  format: z.enum(['csv', 'xlsx']),
  dataset: z.enum(['equipment', 'locations']).default('equipment'),
  filter: equipmentIoFilter.default({}),
});

/** Either the codes chosen one by one, or the filter (at most LABELS_MAX labels either way). */
export const equipmentLabelsInput = z.object({
  codes: z.array(z.string().trim().min(1).max(64)).min(1).max(LABELS_MAX).optional(),
  filter: equipmentIoFilter.optional(),
});

export const equipmentIoContract = {
  /** Reads the file and says what a commit would do; writes nothing. */
  'equipment:importDryRun': channel<ImportReport>()({ input: importFileInput, access: MANAGERS }),
  /** Checks the same file again (never trusts the dry run) and writes every row in one transaction, or nothing. */
  'equipment:importCommit': channel<ImportReport>()({ input: importFileInput, access: MANAGERS }),
  /** The .xlsx template: both sheets with their French headers and an example row. */
  'equipment:importTemplate': channel<ExportedFile>()({ input: z.undefined(), access: MANAGERS }),
  'equipment:export': channel<ExportedFile>()({ input: equipmentExportInput, access: MANAGERS }),
  /** How many labels a filter would print, and the first of them (for the page's preview and selection). */
  'equipment:labelsPreview': channel<{ total: number; items: LabelCandidate[] }>()({ input: equipmentIoFilter, access: MANAGERS }),
  /** The A4 label sheet as a PDF. */
  'equipment:labels': channel<ExportedFile>()({ input: equipmentLabelsInput, access: MANAGERS }),
};
