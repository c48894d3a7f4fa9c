// Pure (Node, run in the database worker thread). Builds the parts catalog file with exceljs: .xlsx (one sheet,
// French headers, prices as numbers) or CSV the way French Excel opens it (`;`, UTF-8 with a BOM, « 12,50 »). The
// columns are the import's, so an exported file can be edited and imported back. Also the import template.
import ExcelJS from 'exceljs';
import { PART_FIELDS, PART_HEADERS, PARTS_SHEET, type PartField } from './parts-import';
import type { PartExportRow } from './parts-io-repository';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MIME = 'text/csv;charset=utf-8';

const WIDTHS = [18, 40, 18, 20, 8, 18, 22, 20, 10, 14, 40];

type CellOut = string | number | null;

function frenchAmount(cents: number): string {
  return (cents / 100).toFixed(2).replace('.', ',');
}

function cells(row: PartExportRow, csv: boolean): CellOut[] {
  const values: Record<PartField, CellOut> = {
    code: row.code,
    designation: row.designation,
    manufacturer: row.manufacturer,
    manufacturerRef: row.manufacturerRef,
    unit: row.unit,
    category: row.category,
    supplier: row.supplier,
    supplierRef: row.supplierRef,
    leadTimeDays: row.leadTimeDays === null ? null : csv ? String(row.leadTimeDays) : row.leadTimeDays,
    unitPrice: row.unitPriceCents === null ? null : csv ? frenchAmount(row.unitPriceCents) : row.unitPriceCents / 100,
    notes: row.notes,
  };
  return PART_FIELDS.map((field) => values[field]);
}

export async function buildPartsFile(rows: readonly PartExportRow[], format: 'csv' | 'xlsx'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(PARTS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = PART_FIELDS.map((field, index) => ({ header: PART_HEADERS[field], width: WIDTHS[index] ?? 18 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(cells(row, format === 'csv'));
  if (format === 'xlsx') {
    sheet.getColumn(PART_FIELDS.indexOf('unitPrice') + 1).numFmt = '#,##0.00';
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
  return Buffer.from(await workbook.csv.writeBuffer({ formatterOptions: { delimiter: ';', writeBOM: true } }));
}

/** The sheet with two example parts (one with two suppliers) and a « Notice » sheet explaining every column. */
export async function buildPartsTemplate(): Promise<Buffer> {
  const example = (code: string, designation: string, manufacturer: string, manufacturerRef: string, unit: string, category: string, supplier: string, supplierRef: string, lead: number, cents: number): PartExportRow => ({
    code,
    designation,
    manufacturer,
    manufacturerRef,
    unit,
    category,
    notes: null,
    supplier,
    supplierRef,
    leadTimeDays: lead,
    unitPriceCents: cents,
  });
  const rows = [
    example('ROUL-6205-2RS', 'Roulement à billes 6205 2RS', 'SKF', '6205-2RSH', 'pce', 'Roulements', 'Brammer', 'BR-6205', 3, 1250),
    example('ROUL-6205-2RS', 'Roulement à billes 6205 2RS', 'SKF', '6205-2RSH', 'pce', 'Roulements', 'Würth', 'W-0620', 5, 1390),
    example('HUILE-HLP46', 'Huile hydraulique HLP 46', 'Total', 'AZOLLA ZS 46', 'L', 'Lubrifiants', 'Lubrilog', 'LL-46-20', 7, 480),
  ];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(PARTS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = PART_FIELDS.map((field, index) => ({ header: PART_HEADERS[field], width: WIDTHS[index] ?? 18 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(cells(row, false));
  const notice = workbook.addWorksheet('Notice');
  notice.columns = [
    { header: 'Colonne', width: 26 },
    { header: 'Contenu', width: 100 },
  ];
  notice.getRow(1).font = { bold: true };
  for (const line of NOTICE) notice.addRow(line);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const NOTICE: [string, string][] = [
  ['Référence', 'Obligatoire, unique (majuscules et minuscules confondues) : lettres, chiffres et - _ . / sans espace. Une référence qui existe déjà met à jour la pièce.'],
  ['Désignation', 'Obligatoire.'],
  ['Fabricant, Référence fabricant', 'Facultatifs. La référence fabricant est cherchée par la recherche de la liste.'],
  ['Unité', 'pce, L, m, kg, ou une autre unité courte (pce si vide).'],
  ['Catégorie', 'Texte libre (Roulements, Joints, Courroies…).'],
  ['Fournisseur', 'Une ligne par fournisseur : répétez la référence de la pièce sur une nouvelle ligne pour un second fournisseur. Le premier listé est le fournisseur préféré. Les fournisseurs du fichier remplacent ceux de la pièce.'],
  ['Délai (j)', 'Délai de livraison du fournisseur, en jours entiers.'],
  ['Prix unitaire (€)', 'Prix d’achat unitaire en euros (12,50).'],
  ['Colonnes absentes', 'Une colonne absente du fichier laisse la valeur existante inchangée ; une cellule vide l’efface.'],
];
