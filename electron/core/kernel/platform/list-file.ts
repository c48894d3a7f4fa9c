// Pure (Node). Writes a list export (issue 13: the OT and DI lists) as CSV for French Excel or as .xlsx through
// exceljs's streaming writer, from the list's keyset pages as they arrive, so 100,000 rows never sit in memory as
// one workbook model. CSV follows the audit export's rules (audit/csv.ts, which the kernel may not import): UTF-8
// with a BOM, ";" between fields, CRLF, RFC 4180 quoting, formula-looking cells defused (CSV injection).
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

export type ListFileFormat = 'csv' | 'xlsx';

/** Rows read per keyset page while exporting (the screen reads 50). */
export const EXPORT_PAGE_SIZE = 1000;

const CSV_BOM = '\uFEFF';
/** First characters that make Excel, LibreOffice or Sheets treat a cell as a formula (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(';') + '\r\n';
}

export type ExportValue = string | number | null;

export interface ExportColumn<Row> {
  header: string;
  /** Characters, for the .xlsx column. */
  width: number;
  value(row: Row): ExportValue;
  /** An instant (ms): a real date cell in .xlsx, "30/11/2026 14:05" (local time) in CSV. */
  date?: boolean;
}

const two = (n: number) => String(n).padStart(2, '0');

/** Local date and time, French order: what the person sees on the screen. */
export function formatExportDate(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** A file name's stamp: local date and time (2026-11-30-1405). */
export function localStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}`;
}

/** Excel has no time zones: a cell shows the date's UTC fields, so the local wall-clock time is written as UTC. */
function excelLocalDate(ms: number): Date {
  return new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
}

export async function writeListFile<Row>(format: ListFileFormat, sheetName: string, columns: readonly ExportColumn<Row>[], pages: AsyncIterable<readonly Row[]>): Promise<Buffer> {
  return format === 'csv' ? writeCsv(columns, pages) : writeXlsx(sheetName, columns, pages);
}

async function writeCsv<Row>(columns: readonly ExportColumn<Row>[], pages: AsyncIterable<readonly Row[]>): Promise<Buffer> {
  const parts: string[] = [CSV_BOM, csvLine(columns.map((c) => c.header))];
  for await (const page of pages) {
    for (const row of page) {
      parts.push(
        csvLine(
          columns.map((c) => {
            const value = c.value(row);
            return c.date && typeof value === 'number' ? formatExportDate(value) : value;
          }),
        ),
      );
    }
  }
  return Buffer.from(parts.join(''), 'utf8');
}

async function writeXlsx<Row>(sheetName: string, columns: readonly ExportColumn<Row>[], pages: AsyncIterable<readonly Row[]>): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, index) => ({ header: c.header, key: String(index), width: c.width, style: c.date ? { numFmt: 'dd/mm/yyyy hh:mm' } : {} }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const page of pages) {
    for (const row of page) {
      sheet
        .addRow(
          columns.map((c) => {
            const value = c.value(row);
            return c.date && typeof value === 'number' ? excelLocalDate(value) : value;
          }),
        )
        .commit();
    }
  }
  sheet.commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}
