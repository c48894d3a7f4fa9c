// Pure (Node, run in the database worker thread). The CPU-heavy halves of the parts import and export: reading a
// workbook with exceljs and writing one (a 20 000-part catalog is seconds of synchronous work that would otherwise
// stop main's event loop, and with it every window). Plain data in and out (structured clone).
import { AppError } from '../kernel/platform/app-error';
import { buildPartsFile } from './parts-export';
import { parsePartsFile, type ParsedPartsImport } from './parts-import';
import type { PartExportRow } from './parts-io-repository';

export interface PartsImportParseInput {
  bytes: Uint8Array;
  fileName: string;
}

/** An unreadable file is an answer, not a crash: the worker's errors reach main as plain text only. */
export type PartsImportParseResult = { ok: true; parsed: ParsedPartsImport } | { ok: false; message: string };

export async function parsePartsImportJob(input: PartsImportParseInput): Promise<PartsImportParseResult> {
  try {
    return { ok: true, parsed: await parsePartsFile(Buffer.from(input.bytes), input.fileName) };
  } catch (error) {
    if (error instanceof AppError && error.code === 'IMPORT_UNREADABLE') return { ok: false, message: error.message };
    throw error;
  }
}

export interface PartsExportBuildInput {
  format: 'csv' | 'xlsx';
  rows: PartExportRow[];
}

export async function buildPartsExportJob(input: PartsExportBuildInput): Promise<Uint8Array> {
  return new Uint8Array(await buildPartsFile(input.rows, input.format));
}
