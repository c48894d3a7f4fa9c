// Pure (Node, run in the database worker thread). The CPU-heavy halves of the equipment import and export: reading a
// workbook with exceljs and writing one. A 20 000-row file takes seconds of synchronous work that would otherwise stop
// main's event loop, and with it every window (IPC, session timers). Plain data in and out (structured clone).
import { AppError } from '../kernel/platform/app-error';
import type { ReferenceItem } from '../../../shared/reference/contract';
import { buildEquipmentFile, buildLocationsFile } from './equipment-export';
import type { EquipmentExportRow, LocationExportRow } from './equipment-export-repository';
import { parseImportFile, type ParsedImport } from './equipment-import';

export interface ImportParseInput {
  bytes: Uint8Array;
  fileName: string;
}

/** An unreadable file is an answer, not a crash: the worker's errors reach main as plain text only. */
export type ImportParseResult = { ok: true; parsed: ParsedImport } | { ok: false; message: string };

export async function parseImportJob(input: ImportParseInput): Promise<ImportParseResult> {
  try {
    return { ok: true, parsed: await parseImportFile(Buffer.from(input.bytes), input.fileName) };
  } catch (error) {
    if (error instanceof AppError && error.code === 'IMPORT_UNREADABLE') return { ok: false, message: error.message };
    throw error;
  }
}

export type ExportBuildInput =
  | { dataset: 'equipment'; format: 'csv' | 'xlsx'; rows: EquipmentExportRow[]; categories: ReferenceItem[] }
  | { dataset: 'locations'; format: 'csv' | 'xlsx'; rows: LocationExportRow[] };

export async function buildExportJob(input: ExportBuildInput): Promise<Uint8Array> {
  const content = input.dataset === 'equipment' ? await buildEquipmentFile(input.rows, input.categories, input.format) : await buildLocationsFile(input.rows, input.format);
  return new Uint8Array(content);
}
