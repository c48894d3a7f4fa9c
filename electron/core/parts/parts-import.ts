// Pure (Node). The import of the parts catalog from .xlsx or CSV: read with exceljs (in the database worker), check
// every row against the file itself and the database, and plan the writes. The dry run and the commit run the very
// same check, so the commit never trusts what a dry run said. One row per part and supplier: a part with two
// suppliers takes two rows with the same référence (the part's own columns are read from its first row; the first
// supplier listed is the preferred one) — which is exactly what the export writes, so an export re-imports.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { PARTS_IMPORT_MAX_ROWS, PARTS_IMPORT_PREVIEW_MAX, type PartsImportIssue, type PartsImportReport } from '../../../shared/parts/parts-io-contract';
import { foldText } from '../kernel/db/text-search';
import { AppError } from '../kernel/platform/app-error';
import type { SupplierWrite } from './parts-repository';

export type PartField =
  | 'code'
  | 'designation'
  | 'manufacturer'
  | 'manufacturerRef'
  | 'unit'
  | 'category'
  | 'supplier'
  | 'supplierRef'
  | 'leadTimeDays'
  | 'unitPrice'
  | 'notes';

/** Canonical headers, in file order: what the template and the export write. */
export const PART_HEADERS: Record<PartField, string> = {
  code: 'Référence',
  designation: 'Désignation',
  manufacturer: 'Fabricant',
  manufacturerRef: 'Référence fabricant',
  unit: 'Unité',
  category: 'Catégorie',
  supplier: 'Fournisseur',
  supplierRef: 'Référence fournisseur',
  leadTimeDays: 'Délai (j)',
  unitPrice: 'Prix unitaire (€)',
  notes: 'Notes',
};
export const PART_FIELDS = Object.keys(PART_HEADERS) as PartField[];
export const PARTS_SHEET = 'Pièces';

/** "Délai (j)" → "delaij": headers compare without case, accents, spaces or punctuation. */
export function headerKey(header: string): string {
  return foldText(header).replace(/[^a-z0-9]/g, '');
}

const ALIASES: Record<string, PartField> = {
  reference: 'code',
  ref: 'code',
  code: 'code',
  codepiece: 'code',
  referencepiece: 'code',
  designation: 'designation',
  libelle: 'designation',
  fabricant: 'manufacturer',
  constructeur: 'manufacturer',
  marque: 'manufacturer',
  referencefabricant: 'manufacturerRef',
  reffabricant: 'manufacturerRef',
  referenceconstructeur: 'manufacturerRef',
  unite: 'unit',
  unit: 'unit',
  categorie: 'category',
  famille: 'category',
  fournisseur: 'supplier',
  referencefournisseur: 'supplierRef',
  reffournisseur: 'supplierRef',
  delaij: 'leadTimeDays',
  delai: 'leadTimeDays',
  delaijours: 'leadTimeDays',
  delaidelivraisonj: 'leadTimeDays',
  prixunitaire: 'unitPrice',
  prixunitaireeur: 'unitPrice',
  prix: 'unitPrice',
  prixht: 'unitPrice',
  notes: 'notes',
  note: 'notes',
  remarques: 'notes',
  commentaire: 'notes',
};

export function partFieldOf(header: string): PartField | undefined {
  return ALIASES[headerKey(header.replace(/€/g, 'eur'))] ?? ALIASES[headerKey(header)];
}

const UNIT_ALIASES: Record<string, string> = { pce: 'pce', piece: 'pce', pieces: 'pce', pc: 'pce', pcs: 'pce', u: 'pce', unite: 'pce', l: 'L', litre: 'L', litres: 'L', m: 'm', metre: 'm', metres: 'm', kg: 'kg', kilo: 'kg', kilogramme: 'kg' };

/** « pièce » → pce, « litre » → L…; any other short unit as typed. */
export function normalizeUnit(text: string): string {
  return UNIT_ALIASES[headerKey(text)] ?? text;
}

type Cell = ExcelJS.CellValue;

/** A cell as text: rich text joined, a formula's result, a hyperlink's text. */
export function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((part) => part.text).join('').trim();
    if ('result' in value) return cellText((value as { result?: Cell }).result ?? null);
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('error' in value) return '';
  }
  return String(value as unknown).trim();
}

/** « 12,50 », « 1 234,5 € », 12.5 → 1250 cents; undefined when it is not a non-negative amount. */
export function parsePriceCents(value: Cell): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value * 100) : undefined;
  const text = cellText(value).replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,4})?$/.test(text)) return undefined;
  return Math.round(Number(text) * 100);
}

export interface PartsSheet {
  name: string;
  columns: Partial<Record<PartField, { index: number; header: string }>>;
  rows: { row: number; cells: Partial<Record<PartField, Cell>> }[];
}

export interface ParsedPartsImport {
  sheets: PartsSheet[];
  rowCount: number;
}

function isZip(bytes: Buffer): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** French Excel writes CSV with `;` (the comma is the decimal separator); others with `,`. The header line decides. */
function csvDelimiter(text: string): ';' | ',' {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  return (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
}

async function loadWorkbook(bytes: Buffer, fileName: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    if (isZip(bytes)) {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      return workbook;
    }
    if (/\.xlsx?$/i.test(fileName)) throw new Error('not a zip');
    // UTF-8, with or without the BOM Excel writes (it would otherwise stick to the first header).
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    if (text.includes('\u0000')) throw new Error('binary');
    const sheetName = fileName.replace(/\.[^.]*$/, '').slice(0, 31) || 'CSV';
    // `map` keeps every value as written: exceljs would otherwise turn "007" into 7 and guess dates.
    await workbook.csv.read(Readable.from([text]), { sheetName, parserOptions: { delimiter: csvDelimiter(text) }, map: (value: unknown) => value });
    return workbook;
  } catch {
    throw new AppError('IMPORT_UNREADABLE', 'The file is neither an .xlsx workbook nor a CSV file');
  }
}

/** Reads every sheet whose header row (one of the first ten) has a « Référence » and a « Désignation » column. */
export async function parsePartsFile(bytes: Buffer, fileName: string): Promise<ParsedPartsImport> {
  const workbook = await loadWorkbook(bytes, fileName);
  const parsed: ParsedPartsImport = { sheets: [], rowCount: 0 };
  workbook.eachSheet((worksheet) => {
    for (let number = 1; number <= Math.min(10, worksheet.rowCount); number++) {
      const columns: PartsSheet['columns'] = {};
      worksheet.getRow(number).eachCell((cell, index) => {
        const header = cellText(cell.value);
        const field = partFieldOf(header);
        if (field && !columns[field]) columns[field] = { index, header };
      });
      if (!columns.code || !columns.designation) continue;
      const rows: PartsSheet['rows'] = [];
      worksheet.eachRow((row, rowNumber) => {
        if (rowNumber <= number) return;
        const cells: PartsSheet['rows'][number]['cells'] = {};
        let empty = true;
        for (const [field, column] of Object.entries(columns) as [PartField, { index: number }][]) {
          const value = row.getCell(column.index).value;
          cells[field] = value;
          if (cellText(value) !== '') empty = false;
        }
        if (!empty) rows.push({ row: rowNumber, cells });
      });
      parsed.sheets.push({ name: worksheet.name, columns, rows });
      break;
    }
  });
  if (parsed.sheets.length === 0) throw new AppError('IMPORT_UNREADABLE', 'No sheet has the expected headers (Référence and Désignation)');
  parsed.rowCount = parsed.sheets.reduce((sum, sheet) => sum + sheet.rows.length, 0);
  return parsed;
}

export interface ExistingPart {
  id: number;
  code: string;
}

/** A part's columns; undefined: the column is not in the file and stays as it is on an update. */
export interface PartWrite {
  code: string;
  designation: string;
  manufacturer?: string | null;
  manufacturerRef?: string | null;
  unit?: string;
  category?: string | null;
  notes?: string | null;
}

export interface PlannedPart {
  row: number;
  existingId: number | null;
  values: PartWrite;
  /** undefined: the file has no « Fournisseur » column, the suppliers stay as they are. */
  suppliers: SupplierWrite[] | undefined;
}

export interface PartsImportPlan {
  report: PartsImportReport;
  parts: PlannedPart[];
}

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const key = (code: string) => code.trim().toLowerCase();
const LIMITS: Partial<Record<PartField, number>> = { designation: 120, manufacturer: 80, manufacturerRef: 60, unit: 16, category: 60, supplier: 80, supplierRef: 60, notes: 2000 };
const PART_OWN_FIELDS: PartField[] = ['designation', 'manufacturer', 'manufacturerRef', 'unit', 'category', 'notes'];

/** Checks every row and plans the writes; `report.errors` lists every problem (the commit refuses any). */
export function planPartsImport(parsed: ParsedPartsImport, existing: readonly ExistingPart[]): PartsImportPlan {
  const errors: PartsImportIssue[] = [];
  const preview: PartsImportReport['preview'] = [];
  const report = (create: number, update: number, suppliers: number): PartsImportReport => ({ create, update, suppliers, errors, preview, rows: parsed.rowCount });
  if (parsed.rowCount > PARTS_IMPORT_MAX_ROWS) {
    errors.push({
      sheet: parsed.sheets[0]?.name ?? '',
      row: 0,
      column: '',
      reason: `Le fichier compte ${parsed.rowCount.toLocaleString('fr-FR')} lignes : ${PARTS_IMPORT_MAX_ROWS.toLocaleString('fr-FR')} au plus par import. Découpez-le en plusieurs fichiers.`,
    });
    return { report: report(0, 0, 0), parts: [] };
  }
  const inDb = new Map(existing.map((part) => [key(part.code), part]));
  const planned = new Map<string, PlannedPart & { sheet: string; rowErrors: number; firstCells: Partial<Record<PartField, string>> }>();
  let supplierCount = 0;

  for (const sheet of parsed.sheets) {
    const header = (field: PartField) => sheet.columns[field]?.header ?? PART_HEADERS[field];
    const has = (field: PartField) => sheet.columns[field] !== undefined;
    for (const entry of sheet.rows) {
      const rowErrors: PartsImportIssue[] = [];
      const issue = (field: PartField, reason: string) => rowErrors.push({ sheet: sheet.name, row: entry.row, column: header(field), reason });
      const text = (field: PartField) => cellText(entry.cells[field] ?? null);
      for (const [field, max] of Object.entries(LIMITS) as [PartField, number][]) {
        if (has(field) && text(field).length > max) issue(field, `Texte trop long : ${max} caractères au plus.`);
      }
      const code = text('code');
      if (!code) issue('code', 'Référence manquante : chaque pièce a une référence.');
      else if (code.length > 40) issue('code', 'Référence trop longue : 40 caractères au plus.');
      else if (!CODE_PATTERN.test(code)) issue('code', `Référence « ${code} » invalide : lettres, chiffres et - _ . / seulement, sans espace.`);

      // The supplier of this row.
      const supplier = text('supplier');
      let supplierWrite: SupplierWrite | null = null;
      let leadTimeDays: number | null = null;
      if (has('leadTimeDays') && text('leadTimeDays')) {
        const raw = text('leadTimeDays');
        leadTimeDays = /^\d{1,4}$/.test(raw) && Number(raw) <= 3650 ? Number(raw) : null;
        if (leadTimeDays === null) issue('leadTimeDays', `Délai « ${raw} » invalide : un nombre entier de jours (par exemple 15).`);
      }
      let unitPriceCents: number | null = null;
      if (has('unitPrice') && text('unitPrice')) {
        unitPriceCents = parsePriceCents(entry.cells.unitPrice ?? null) ?? null;
        if (unitPriceCents === null) issue('unitPrice', `Prix « ${text('unitPrice')} » invalide : un montant en euros (par exemple 12,50).`);
      }
      if (supplier) supplierWrite = { supplier, supplierRef: text('supplierRef') || null, leadTimeDays, unitPriceCents, isPreferred: false };
      else if (text('supplierRef') || text('leadTimeDays') || text('unitPrice')) issue('supplier', 'Fournisseur manquant : la référence, le délai et le prix sont ceux d’un fournisseur.');

      const known = code && CODE_PATTERN.test(code) ? planned.get(key(code)) : undefined;
      if (known) {
        // Another row of a part already seen: one more supplier; its own columns must agree with the first row.
        for (const field of PART_OWN_FIELDS) {
          const value = text(field);
          const first = known.firstCells[field] ?? '';
          if (has(field) && value && value !== first) issue(field, `« ${value} » diffère de la ligne ${known.row} de la même référence (« ${first} ») : une pièce a une seule ${PART_HEADERS[field].toLowerCase()}.`);
        }
        if (supplierWrite && known.suppliers?.some((s) => s.supplier.toLowerCase() === supplier.toLowerCase())) issue('supplier', `Fournisseur « ${supplier} » en double pour la référence « ${code} ».`);
        if (rowErrors.length === 0 && supplierWrite) {
          known.suppliers?.push(supplierWrite);
          supplierCount++;
        }
        if (rowErrors.length > 0 && known.rowErrors === 0) known.rowErrors = rowErrors.length;
      } else {
        const designation = text('designation');
        if (!designation) issue('designation', 'Désignation manquante.');
        const optional = (field: PartField): string | null | undefined => (has(field) ? text(field) || null : undefined);
        const unitText = text('unit');
        const values: PartWrite = {
          code,
          designation,
          manufacturer: optional('manufacturer'),
          manufacturerRef: optional('manufacturerRef'),
          unit: has('unit') ? (unitText ? normalizeUnit(unitText) : 'pce') : undefined,
          category: optional('category'),
          notes: optional('notes'),
        };
        const firstCells: Partial<Record<PartField, string>> = {};
        for (const field of PART_OWN_FIELDS) firstCells[field] = text(field);
        const suppliers = has('supplier') ? (supplierWrite && rowErrors.length === 0 ? [{ ...supplierWrite, isPreferred: true }] : []) : undefined;
        if (supplierWrite && rowErrors.length === 0 && has('supplier')) supplierCount++;
        if (code && CODE_PATTERN.test(code)) {
          planned.set(key(code), { row: entry.row, sheet: sheet.name, existingId: inDb.get(key(code))?.id ?? null, values, suppliers, rowErrors: rowErrors.length, firstCells });
        }
      }
      errors.push(...rowErrors);
      const action = rowErrors.length > 0 ? 'error' : inDb.has(key(code)) ? 'update' : 'create';
      if (preview.length < PARTS_IMPORT_PREVIEW_MAX && (!known || rowErrors.length > 0)) preview.push({ row: entry.row, code, label: text('designation') || known?.values.designation || '', action });
    }
  }
  const good = [...planned.values()].filter((part) => part.rowErrors === 0);
  const create = good.filter((part) => part.existingId === null).length;
  const update = good.length - create;
  return {
    report: report(create, update, supplierCount),
    parts: errors.length > 0 ? [] : good.map(({ row, existingId, values, suppliers }) => ({ row, existingId, values, suppliers })),
  };
}
