// Pure (Node). Builds the equipment and location files with exceljs: .xlsx (one sheet, French headers, dates as real
// dates) or CSV the way French Excel opens it (`;` separator, UTF-8 with a BOM, dates JJ/MM/AAAA). The columns are the
// import's, so an exported file can be edited and imported back. Also the import template.
import ExcelJS from 'exceljs';
import type { ReferenceItem } from '../../../shared/reference/contract';
import { EQUIPMENT_HEADERS, frenchDate, KIND_WORDS, LOCATION_HEADERS, SHEET_NAMES, STATUS_WORDS, type EquipmentField, type LocationField } from './equipment-import-format';
import type { EquipmentExportRow, LocationExportRow } from './equipment-export-repository';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MIME = 'text/csv;charset=utf-8';

const EQUIPMENT_FIELDS = Object.keys(EQUIPMENT_HEADERS) as EquipmentField[];
const LOCATION_FIELDS = Object.keys(LOCATION_HEADERS) as LocationField[];

type CellOut = string | Date | null;

function equipmentCells(row: EquipmentExportRow, categoryLabel: (code: string | null) => string | null, csv: boolean): CellOut[] {
  const values: Record<EquipmentField, CellOut> = {
    code: row.code,
    designation: row.designation,
    location: row.locationCode,
    parent: row.parentCode,
    category: categoryLabel(row.category),
    criticality: row.criticality,
    status: STATUS_WORDS[row.status],
    manufacturer: row.manufacturer,
    model: row.model,
    serialNumber: row.serialNumber,
    commissionedOn: row.commissionedOn ? (csv ? frenchDate(row.commissionedOn) : new Date(`${row.commissionedOn}T00:00:00Z`)) : null,
    notes: row.notes,
  };
  return EQUIPMENT_FIELDS.map((field) => values[field]);
}

function locationCells(row: LocationExportRow): CellOut[] {
  const values: Record<LocationField, CellOut> = { code: row.code, name: row.name, kind: KIND_WORDS[row.kind], parent: row.parentCode };
  return LOCATION_FIELDS.map((field) => values[field]);
}

function addSheet(workbook: ExcelJS.Workbook, name: string, headers: string[], rows: CellOut[][], widths: number[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headers.map((header, index) => ({ header, width: widths[index] ?? 18 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  return sheet;
}

const EQUIPMENT_WIDTHS = [16, 40, 16, 16, 18, 10, 14, 18, 18, 18, 14, 40];
const LOCATION_WIDTHS = [16, 36, 10, 16];

async function toBuffer(workbook: ExcelJS.Workbook, format: 'csv' | 'xlsx'): Promise<Buffer> {
  if (format === 'xlsx') return Buffer.from(await workbook.xlsx.writeBuffer());
  // Every cell is already text (dates included): exceljs writes them as they are.
  return Buffer.from(await workbook.csv.writeBuffer({ formatterOptions: { delimiter: ';', writeBOM: true } }));
}

export function categoryLabeller(categories: readonly ReferenceItem[]): (code: string | null) => string | null {
  const labels = new Map(categories.map((item) => [item.code.toLowerCase(), item.label]));
  return (code) => (code ? (labels.get(code.toLowerCase()) ?? code) : null);
}

export async function buildEquipmentFile(rows: readonly EquipmentExportRow[], categories: readonly ReferenceItem[], format: 'csv' | 'xlsx'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const label = categoryLabeller(categories);
  const sheet = addSheet(
    workbook,
    SHEET_NAMES.equipment,
    EQUIPMENT_FIELDS.map((field) => EQUIPMENT_HEADERS[field]),
    rows.map((row) => equipmentCells(row, label, format === 'csv')),
    EQUIPMENT_WIDTHS,
  );
  sheet.getColumn(EQUIPMENT_FIELDS.indexOf('commissionedOn') + 1).numFmt = 'dd/mm/yyyy';
  return toBuffer(workbook, format);
}

export async function buildLocationsFile(rows: readonly LocationExportRow[], format: 'csv' | 'xlsx'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  addSheet(workbook, SHEET_NAMES.locations, LOCATION_FIELDS.map((field) => LOCATION_HEADERS[field]), rows.map(locationCells), LOCATION_WIDTHS);
  return toBuffer(workbook, format);
}

/** Both sheets with an example each, and a "Notice" sheet that explains every column in French. */
export async function buildImportTemplate(categories: readonly ReferenceItem[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  addSheet(
    workbook,
    SHEET_NAMES.locations,
    LOCATION_FIELDS.map((field) => LOCATION_HEADERS[field]),
    [
      ['USINE-LYON', 'Usine de Lyon', 'Site', null],
      ['ATL-EMB', 'Atelier emboutissage', 'Zone', 'USINE-LYON'],
      ['L1', 'Ligne 1 presses', 'Ligne', 'ATL-EMB'],
    ],
    LOCATION_WIDTHS,
  );
  const equipmentSheet = addSheet(
    workbook,
    SHEET_NAMES.equipment,
    EQUIPMENT_FIELDS.map((field) => EQUIPMENT_HEADERS[field]),
    [
      ['PR-001', 'Presse hydraulique 250 t', 'L1', null, categories[0]?.label ?? null, 'A', 'En service', 'Schuler', 'PH-250', 'SN-4471', new Date('2019-03-15T00:00:00Z'), null],
      ['PR-001-GH', 'Groupe hydraulique presse 250 t', 'L1', 'PR-001', null, 'A', 'En service', 'Bosch Rexroth', 'ABPAC', null, null, 'Huile HLP 46'],
    ],
    EQUIPMENT_WIDTHS,
  );
  equipmentSheet.getColumn(EQUIPMENT_FIELDS.indexOf('commissionedOn') + 1).numFmt = 'dd/mm/yyyy';
  const notice = workbook.addWorksheet('Notice');
  notice.columns = [
    { header: 'Colonne', width: 26 },
    { header: 'Contenu', width: 100 },
  ];
  notice.getRow(1).font = { bold: true };
  for (const [column, text] of TEMPLATE_NOTICE(categories)) notice.addRow([column, text]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function TEMPLATE_NOTICE(categories: readonly ReferenceItem[]): [string, string][] {
  return [
    ['Localisations', 'Une ligne par localisation. Les feuilles sont reconnues par leurs en-têtes ; un fichier CSV contient une seule des deux listes.'],
    ['Code', 'Obligatoire, unique (majuscules et minuscules confondues). Une ligne dont le code existe déjà met à jour la fiche.'],
    ['Nom', 'Obligatoire.'],
    ['Type', 'Site, Zone (atelier) ou Ligne. Un site n’a pas de parent ; une zone est sous un site ; une ligne sous une zone ou un site.'],
    ['Parent', 'Code de la localisation parente (dans la base ou dans ce fichier).'],
    ['Équipements', 'Une ligne par équipement ; arbre de 3 niveaux au plus (machine → sous-ensemble → composant).'],
    ['Désignation', 'Obligatoire.'],
    ['Localisation', 'Code d’une localisation (dans la base ou dans la feuille Localisations).'],
    ['Parent', 'Code de l’équipement parent (dans la base ou dans ce fichier).'],
    ['Catégorie', `Une catégorie des listes de référence : ${categories.map((item) => item.label).join(', ')}.`],
    ['Criticité', 'A, B ou C (B si vide).'],
    ['Statut', 'En service, À l’arrêt, Hors service ou Réformé (En service si vide).'],
    ['Date de mise en service', 'JJ/MM/AAAA.'],
    ['Colonnes absentes', 'Une colonne absente du fichier laisse la valeur existante inchangée ; une cellule vide l’efface.'],
  ];
}
