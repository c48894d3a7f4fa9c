// Pure. Writes CSV the way French Excel opens it by double-click: UTF-8 with a BOM (otherwise Excel reads
// ANSI and mangles accents), ";" between fields (the list separator of French Windows), CRLF line ends,
// RFC 4180 quoting. Cells that a spreadsheet would run as a formula are defused (CSV injection).

export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';
export const CSV_LINE_END = '\r\n';

/** First characters that make Excel, LibreOffice or Sheets treat a cell as a formula (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: defused if it could start a formula, then quoted if it holds a separator, a quote or a line break. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(CSV_SEPARATOR) + CSV_LINE_END;
}

/** The whole file: BOM, header line, then each row; every line, the last included, ends with CRLF. */
export function toCsv(header: readonly string[], rows: Iterable<readonly (string | number | null | undefined)[]>): string {
  const parts = [CSV_BOM, csvLine(header)];
  for (const row of rows) parts.push(csvLine(row));
  return parts.join('');
}
