// Pure (Node). The import of équipements and localisations from .xlsx or CSV: read with exceljs (never a parser of
// our own), check every row against the file itself and the database, and plan the writes. The dry run and the
// commit run the very same check, so the commit never trusts what a dry run said earlier.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  IMPORT_MAX_ROWS,
  IMPORT_PREVIEW_MAX,
  type ImportIssue,
  type ImportPreviewRow,
  type ImportReport,
  type ImportSheet,
} from '../../../shared/equipment/equipment-io-contract';
import type { ReferenceItem } from '../../../shared/reference/contract';
import type { Criticality, EquipmentStatus, LocationKind } from '../kernel/db/schema';
import { foldText } from '../kernel/db/text-search';
import { AppError } from '../kernel/platform/app-error';
import {
  EQUIPMENT_HEADERS,
  cellText,
  equipmentFieldOf,
  KIND_RANK,
  kindOf,
  LOCATION_HEADERS,
  locationFieldOf,
  parseCalendarDate,
  statusOf,
  type EquipmentField,
  type LocationField,
} from './equipment-import-format';
import type { EquipmentWrite, ExistingEquipment, ExistingLocation } from './equipment-import-repository';

/** Site → zone → ligne; machine → sous-ensemble → composant. */
export const MAX_DEPTH = 3;
const CODE_MAX = 64;
const TEXT_MAX = 200;
const NOTES_MAX = 4000;

type Cell = ExcelJS.CellValue;

interface SheetRows<F extends string> {
  name: string;
  kind: ImportSheet;
  /** Which column (1-based) holds each field, and the header as the file wrote it (for error messages). */
  columns: Partial<Record<F, { index: number; header: string }>>;
  rows: { row: number; cells: Partial<Record<F, Cell>> }[];
}

export interface ParsedImport {
  locations: SheetRows<LocationField>[];
  equipment: SheetRows<EquipmentField>[];
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

function readSheet<F extends string>(worksheet: ExcelJS.Worksheet, kind: ImportSheet, headerRow: number, fieldOf: (header: string) => F | undefined): SheetRows<F> {
  const columns: SheetRows<F>['columns'] = {};
  worksheet.getRow(headerRow).eachCell((cell, index) => {
    const header = cellText(cell.value);
    const field = fieldOf(header);
    if (field && !columns[field]) columns[field] = { index, header };
  });
  const rows: SheetRows<F>['rows'] = [];
  worksheet.eachRow((row, number) => {
    if (number <= headerRow) return;
    const cells: Partial<Record<F, Cell>> = {};
    let empty = true;
    for (const [field, column] of Object.entries(columns) as [F, { index: number }][]) {
      const value = row.getCell(column.index).value;
      cells[field] = value;
      if (cellText(value) !== '') empty = false;
    }
    if (!empty) rows.push({ row: number, cells });
  });
  return { name: worksheet.name, kind, columns, rows };
}

/** Reads every sheet whose headers say what it holds: a "Désignation" column makes it equipment, "Nom"/"Type" locations. */
export async function parseImportFile(bytes: Buffer, fileName: string): Promise<ParsedImport> {
  const workbook = await loadWorkbook(bytes, fileName);
  const parsed: ParsedImport = { locations: [], equipment: [], rowCount: 0 };
  workbook.eachSheet((worksheet) => {
    // The header row is the first of the first ten that has a "Code" column (a title row above it is tolerated).
    for (let number = 1; number <= Math.min(10, worksheet.rowCount); number++) {
      const headers: string[] = [];
      worksheet.getRow(number).eachCell((cell) => headers.push(cellText(cell.value)));
      if (!headers.some((header) => locationFieldOf(header) === 'code')) continue;
      if (headers.some((header) => equipmentFieldOf(header) === 'designation')) {
        parsed.equipment.push(readSheet(worksheet, 'equipment', number, equipmentFieldOf));
      } else if (headers.some((header) => locationFieldOf(header) === 'name' || locationFieldOf(header) === 'kind')) {
        parsed.locations.push(readSheet(worksheet, 'locations', number, locationFieldOf));
      }
      break;
    }
  });
  if (parsed.locations.length === 0 && parsed.equipment.length === 0) {
    throw new AppError('IMPORT_UNREADABLE', 'No sheet has the expected headers (Code with Nom/Type, or Code with Désignation)');
  }
  parsed.rowCount = [...parsed.locations, ...parsed.equipment].reduce((sum, sheet) => sum + sheet.rows.length, 0);
  return parsed;
}

/** What is in the database, keyed by lower-case code (codes are unique whatever their case). */
export interface ImportContext {
  locations: ExistingLocation[];
  equipment: ExistingEquipment[];
  categories: ReferenceItem[];
}

export interface PlannedLocation {
  sheet: string;
  row: number;
  existingId: number | null;
  code: string;
  name: string;
  kind: LocationKind;
  parentCode: string | null;
  depth: number;
}

export interface PlannedEquipment {
  sheet: string;
  row: number;
  existingId: number | null;
  existingLocationId: number | null;
  values: Omit<EquipmentWrite, 'locationId' | 'parentId'>;
  /** undefined: the column is not in the file (unchanged); null: empty (cleared). */
  locationCode: string | null | undefined;
  parentCode: string | null | undefined;
  depth: number;
}

export interface ImportPlan {
  report: ImportReport;
  locations: PlannedLocation[];
  equipment: PlannedEquipment[];
}

const key = (code: string) => code.trim().toLowerCase();

/** Walks up from `code`: its depth (1 = root), or the cycle it runs into, or a parent missing from both sides. */
function ancestry(code: string, parentOf: (code: string) => string | null | undefined): { depth: number } | { cycle: string[] } {
  const seen: string[] = [key(code)];
  let current = key(code);
  for (;;) {
    const parent = parentOf(current);
    if (!parent) return { depth: seen.length };
    const parentKey = key(parent);
    if (seen.includes(parentKey)) return { cycle: [...seen, parentKey] };
    seen.push(parentKey);
    current = parentKey;
    if (seen.length > 50) return { depth: seen.length };
  }
}

/** Checks every row and plans the writes; `report.errors` lists every problem (the commit refuses any). */
export function planImport(parsed: ParsedImport, context: ImportContext): ImportPlan {
  const errors: ImportIssue[] = [];
  const preview: ImportPreviewRow[] = [];
  const counts: ImportReport['counts'] = { locations: { create: 0, update: 0 }, equipment: { create: 0, update: 0 } };

  if (parsed.rowCount > IMPORT_MAX_ROWS) {
    const sheet = [...parsed.equipment, ...parsed.locations][0];
    errors.push({
      sheet: sheet?.name ?? '',
      row: 0,
      column: '',
      reason: `Le fichier compte ${parsed.rowCount.toLocaleString('fr-FR')} lignes : ${IMPORT_MAX_ROWS.toLocaleString('fr-FR')} au plus par import. Découpez-le en plusieurs fichiers.`,
    });
    return { report: { create: 0, update: 0, counts, errors, preview, rows: parsed.rowCount }, locations: [], equipment: [] };
  }

  /** An error found after a row was counted (a child in the database no longer fits under it). */
  const lateError = (
    item: { errors: ImportIssue[]; planned?: PlannedLocation | PlannedEquipment; entry: { row: number } },
    sheet: ImportSheet,
    issue: ImportIssue,
  ) => {
    if (item.errors.length === 0 && item.planned) {
      counts[sheet][item.planned.existingId !== null ? 'update' : 'create']--;
      const shown = preview.find((row) => row.sheet === sheet && row.row === item.entry.row && row.action !== 'error');
      if (shown) shown.action = 'error';
    }
    if (!item.errors.some((known) => known.reason === issue.reason)) {
      item.errors.push(issue);
      errors.push(issue);
    }
  };

  // ---- Localisations ----
  const dbLocations = new Map(context.locations.map((location) => [key(location.code), location]));
  const dbLocationsById = new Map(context.locations.map((location) => [location.id, location]));
  const fileLocations = new Map<string, { sheet: string; row: number; kind?: LocationKind; parent: string | null }>();
  const locationRows: { sheet: SheetRows<LocationField>; entry: SheetRows<LocationField>['rows'][number]; errors: ImportIssue[]; planned?: PlannedLocation }[] = [];

  for (const sheet of parsed.locations) {
    const header = (field: LocationField) => sheet.columns[field]?.header ?? LOCATION_HEADERS[field];
    const missing = (['code', 'name', 'kind'] as const).filter((field) => !sheet.columns[field]);
    for (const field of missing) errors.push({ sheet: sheet.name, row: 1, column: LOCATION_HEADERS[field], reason: `Colonne « ${LOCATION_HEADERS[field]} » absente : elle est obligatoire.` });
    for (const entry of sheet.rows) {
      const rowErrors: ImportIssue[] = [];
      const issue = (field: LocationField, reason: string) => rowErrors.push({ sheet: sheet.name, row: entry.row, column: header(field), reason });
      const code = cellText(entry.cells.code ?? null);
      const name = cellText(entry.cells.name ?? null);
      const kindText = cellText(entry.cells.kind ?? null);
      const parent = cellText(entry.cells.parent ?? null) || null;
      if (!code) issue('code', 'Code manquant : chaque localisation a un code.');
      else if (code.length > CODE_MAX) issue('code', `Code trop long : ${CODE_MAX} caractères au plus.`);
      else if (fileLocations.has(key(code))) issue('code', `Code « ${code} » en double dans le fichier (déjà ligne ${fileLocations.get(key(code))?.row}).`);
      if (!name) issue('name', 'Nom manquant.');
      else if (name.length > TEXT_MAX) issue('name', `Nom trop long : ${TEXT_MAX} caractères au plus.`);
      const kind = kindText ? kindOf(kindText) : undefined;
      if (!kindText) issue('kind', 'Type manquant : site, zone ou ligne.');
      else if (!kind) issue('kind', `Type « ${kindText} » inconnu : site, zone ou ligne.`);
      if (code && parent && key(parent) === key(code)) issue('parent', 'Une localisation ne peut pas être son propre parent.');
      if (code && !fileLocations.has(key(code))) fileLocations.set(key(code), { sheet: sheet.name, row: entry.row, kind, parent });
      locationRows.push({ sheet, entry, errors: rowErrors });
    }
  }

  const locationKnown = (code: string) => fileLocations.has(key(code)) || dbLocations.has(key(code));
  const locationParentOf = (code: string): string | null | undefined => {
    const inFile = fileLocations.get(code);
    if (inFile) return inFile.parent;
    const inDb = dbLocations.get(code);
    if (!inDb || inDb.parentId === null) return null;
    return dbLocationsById.get(inDb.parentId)?.code ?? null;
  };
  const locationKindOf = (code: string) => fileLocations.get(key(code))?.kind ?? dbLocations.get(key(code))?.kind;

  for (const item of locationRows) {
    const { sheet, entry } = item;
    const header = (field: LocationField) => sheet.columns[field]?.header ?? LOCATION_HEADERS[field];
    const code = cellText(entry.cells.code ?? null);
    const parent = cellText(entry.cells.parent ?? null) || null;
    const kind = kindOf(cellText(entry.cells.kind ?? null));
    const issue = (field: LocationField, reason: string) => item.errors.push({ sheet: sheet.name, row: entry.row, column: header(field), reason });
    let depth = 1;
    if (item.errors.length === 0 && parent) {
      if (!locationKnown(parent)) issue('parent', `Localisation parente « ${parent} » inconnue (ni dans la base, ni dans le fichier).`);
      else {
        const walk = ancestry(code, locationParentOf);
        if ('cycle' in walk) issue('parent', `Cycle de parents : ${walk.cycle.map((c) => c.toUpperCase()).join(' → ')}.`);
        else {
          depth = walk.depth;
          const parentKind = locationKindOf(parent);
          if (kind === 'site') issue('parent', 'Un site est au sommet : il n’a pas de parent.');
          else if (parentKind && kind && KIND_RANK[parentKind] >= KIND_RANK[kind]) {
            issue('parent', `Une ${kind === 'zone' ? 'zone' : 'ligne'} ne peut pas être rangée sous « ${parent} » (${parentKind === 'site' ? 'site' : parentKind === 'zone' ? 'zone' : 'ligne'}) : site → zone → ligne.`);
          } else if (depth > MAX_DEPTH) issue('parent', `Trop de niveaux : ${MAX_DEPTH} au plus (site → zone → ligne).`);
        }
      }
    }
    const existing = code ? dbLocations.get(key(code)) : undefined;
    const action = item.errors.length > 0 ? 'error' : existing ? 'update' : 'create';
    if (action !== 'error' && kind) {
      item.planned = { sheet: sheet.name, row: entry.row, existingId: existing?.id ?? null, code, name: cellText(entry.cells.name ?? null), kind, parentCode: parent, depth };
      counts.locations[action]++;
    }
    errors.push(...item.errors);
    if (preview.length < IMPORT_PREVIEW_MAX) preview.push({ sheet: 'locations', row: entry.row, code, label: cellText(entry.cells.name ?? null), action });
  }

  // A location of the file may have children in the database that the file does not list: they must still fit
  // (a zone turned into a ligne would leave its lignes under a ligne).
  const locationRowByCode = new Map(locationRows.filter((item) => item.planned).map((item) => [key((item.planned as PlannedLocation).code), item]));
  for (const child of context.locations) {
    if (fileLocations.has(key(child.code)) || child.parentId === null) continue;
    const parent = dbLocationsById.get(child.parentId);
    const item = parent && locationRowByCode.get(key(parent.code));
    if (!item?.planned) continue;
    if (KIND_RANK[item.planned.kind] >= KIND_RANK[child.kind]) {
      lateError(item, 'locations', {
        sheet: item.sheet.name,
        row: item.entry.row,
        column: item.sheet.columns.kind?.header ?? LOCATION_HEADERS.kind,
        reason: `« ${child.code} » (${child.kind === 'zone' ? 'zone' : child.kind === 'line' ? 'ligne' : 'site'}) est rangée sous cette localisation : son type ne peut pas devenir « ${cellText(item.entry.cells.kind ?? null)} ».`,
      });
    }
  }

  // ---- Équipements ----
  const dbEquipment = new Map(context.equipment.map((equipment) => [key(equipment.code), equipment]));
  const dbEquipmentById = new Map(context.equipment.map((equipment) => [equipment.id, equipment]));
  const categories = new Map<string, string>();
  for (const category of context.categories) {
    categories.set(foldText(category.code), category.code);
    categories.set(foldText(category.label), category.code);
  }
  const fileEquipment = new Map<string, { row: number; parent: string | null | undefined }>();
  const equipmentRows: { sheet: SheetRows<EquipmentField>; entry: SheetRows<EquipmentField>['rows'][number]; errors: ImportIssue[]; planned?: PlannedEquipment }[] = [];

  for (const sheet of parsed.equipment) {
    const has = (field: EquipmentField) => sheet.columns[field] !== undefined;
    const header = (field: EquipmentField) => sheet.columns[field]?.header ?? EQUIPMENT_HEADERS[field];
    for (const field of ['code', 'designation'] as const) {
      if (!has(field)) errors.push({ sheet: sheet.name, row: 1, column: EQUIPMENT_HEADERS[field], reason: `Colonne « ${EQUIPMENT_HEADERS[field]} » absente : elle est obligatoire.` });
    }
    for (const entry of sheet.rows) {
      const rowErrors: ImportIssue[] = [];
      const issue = (field: EquipmentField, reason: string) => rowErrors.push({ sheet: sheet.name, row: entry.row, column: header(field), reason });
      const text = (field: EquipmentField) => cellText(entry.cells[field] ?? null);
      /** undefined when the column is absent (left as it is), null when the cell is empty (cleared). */
      const optional = (field: EquipmentField, max: number): string | null | undefined => {
        if (!has(field)) return undefined;
        const value = text(field);
        if (value.length > max) issue(field, `Texte trop long : ${max} caractères au plus.`);
        return value || null;
      };
      const code = text('code');
      const designation = text('designation');
      if (!code) issue('code', 'Code manquant : chaque équipement a un code.');
      else if (code.length > CODE_MAX) issue('code', `Code trop long : ${CODE_MAX} caractères au plus.`);
      else if (fileEquipment.has(key(code))) issue('code', `Code « ${code} » en double dans le fichier (déjà ligne ${fileEquipment.get(key(code))?.row}).`);
      if (!designation) issue('designation', 'Désignation manquante.');
      else if (designation.length > TEXT_MAX) issue('designation', `Désignation trop longue : ${TEXT_MAX} caractères au plus.`);

      const locationCode = optional('location', CODE_MAX);
      if (locationCode && !locationKnown(locationCode)) issue('location', `Localisation « ${locationCode} » inconnue (ni dans la base, ni dans la feuille des localisations).`);
      const parentCode = optional('parent', CODE_MAX);
      if (code && parentCode && key(parentCode) === key(code)) issue('parent', 'Un équipement ne peut pas être son propre parent.');

      let category: string | null | undefined;
      const categoryText = optional('category', TEXT_MAX);
      if (categoryText) {
        category = categories.get(foldText(categoryText));
        if (!category) issue('category', `Catégorie « ${categoryText} » inconnue : choisissez-en une des listes de référence (${context.categories.map((c) => c.label).join(', ')}).`);
      } else category = categoryText;

      let criticality: Criticality | undefined;
      const criticalityText = text('criticality').toUpperCase();
      if (has('criticality') && criticalityText) {
        if (criticalityText === 'A' || criticalityText === 'B' || criticalityText === 'C') criticality = criticalityText;
        else issue('criticality', `Criticité « ${text('criticality')} » invalide : A, B ou C.`);
      }

      let status: EquipmentStatus | undefined;
      const statusText = text('status');
      if (has('status') && statusText) {
        status = statusOf(statusText);
        if (!status) issue('status', `Statut « ${statusText} » inconnu : en service, à l'arrêt, hors service ou réformé.`);
      }

      let commissionedOn: string | null | undefined;
      if (has('commissionedOn')) {
        const raw = entry.cells.commissionedOn ?? null;
        if (cellText(raw) === '') commissionedOn = null;
        else {
          commissionedOn = parseCalendarDate(raw);
          if (!commissionedOn) issue('commissionedOn', `Date « ${cellText(raw)} » invalide : JJ/MM/AAAA attendu (par exemple 15/03/2019).`);
        }
      }

      const values = {
        code,
        designation,
        category,
        criticality,
        status,
        manufacturer: optional('manufacturer', TEXT_MAX),
        model: optional('model', TEXT_MAX),
        serialNumber: optional('serialNumber', TEXT_MAX),
        commissionedOn,
        notes: optional('notes', NOTES_MAX),
      };
      if (code && !fileEquipment.has(key(code))) fileEquipment.set(key(code), { row: entry.row, parent: parentCode });
      const existing = code ? dbEquipment.get(key(code)) : undefined;
      equipmentRows.push({
        sheet,
        entry,
        errors: rowErrors,
        planned: { sheet: sheet.name, row: entry.row, existingId: existing?.id ?? null, existingLocationId: existing?.locationId ?? null, values, locationCode, parentCode, depth: 1 },
      });
    }
  }

  const equipmentParentOf = (code: string): string | null | undefined => {
    const inFile = fileEquipment.get(code);
    // A file without a "Parent" column leaves the parent as it is in the database.
    if (inFile && inFile.parent !== undefined) return inFile.parent;
    const inDb = dbEquipment.get(code);
    if (!inDb || inDb.parentId === null) return null;
    return dbEquipmentById.get(inDb.parentId)?.code ?? null;
  };

  for (const item of equipmentRows) {
    const planned = item.planned as PlannedEquipment;
    const header = (field: EquipmentField) => item.sheet.columns[field]?.header ?? EQUIPMENT_HEADERS[field];
    const parent = planned.parentCode;
    if (item.errors.length === 0 && parent) {
      if (!fileEquipment.has(key(parent)) && !dbEquipment.has(key(parent))) {
        item.errors.push({ sheet: item.sheet.name, row: item.entry.row, column: header('parent'), reason: `Équipement parent « ${parent} » inconnu (ni dans la base, ni dans le fichier).` });
      }
    }
    if (item.errors.length === 0 && planned.values.code) {
      const walk = ancestry(planned.values.code, equipmentParentOf);
      if ('cycle' in walk) item.errors.push({ sheet: item.sheet.name, row: item.entry.row, column: header('parent'), reason: `Cycle de parents : ${walk.cycle.map((c) => c.toUpperCase()).join(' → ')}.` });
      else if (walk.depth > MAX_DEPTH) {
        item.errors.push({ sheet: item.sheet.name, row: item.entry.row, column: header('parent'), reason: `Trop de niveaux : ${MAX_DEPTH} au plus (machine → sous-ensemble → composant).` });
      } else planned.depth = walk.depth;
    }
    const action = item.errors.length > 0 ? 'error' : planned.existingId !== null ? 'update' : 'create';
    if (action !== 'error') counts.equipment[action]++;
    errors.push(...item.errors);
    if (preview.length < IMPORT_PREVIEW_MAX) preview.push({ sheet: 'equipment', row: item.entry.row, code: planned.values.code, label: planned.values.designation, action });
  }

  // Equipment of the database under a row of the file, which the file does not list, must stay within the depth too.
  const equipmentRowByCode = new Map(equipmentRows.filter((item) => item.errors.length === 0).map((item) => [key((item.planned as PlannedEquipment).values.code), item]));
  if (equipmentRowByCode.size > 0) {
    for (const equipment of context.equipment) {
      if (fileEquipment.has(key(equipment.code)) || equipment.parentId === null) continue;
      const walk = ancestry(equipment.code, equipmentParentOf);
      if (!('depth' in walk) || walk.depth <= MAX_DEPTH) continue;
      // Blame the nearest ancestor the file changes.
      let current: string | null | undefined = equipmentParentOf(key(equipment.code));
      while (current && !equipmentRowByCode.has(key(current))) current = equipmentParentOf(key(current));
      const item = current ? equipmentRowByCode.get(key(current)) : undefined;
      if (!item) continue;
      lateError(item, 'equipment', {
        sheet: item.sheet.name,
        row: item.entry.row,
        column: item.sheet.columns.parent?.header ?? EQUIPMENT_HEADERS.parent,
        reason: `Trop de niveaux : « ${equipment.code} », rangé sous cet équipement, serait au niveau ${walk.depth} (${MAX_DEPTH} au plus).`,
      });
    }
  }

  const hasErrors = errors.length > 0;
  return {
    report: {
      create: counts.locations.create + counts.equipment.create,
      update: counts.locations.update + counts.equipment.update,
      counts,
      errors,
      preview,
      rows: parsed.rowCount,
    },
    locations: hasErrors ? [] : locationRows.flatMap((item) => (item.planned ? [item.planned] : [])),
    equipment: hasErrors ? [] : equipmentRows.flatMap((item) => (item.errors.length === 0 && item.planned ? [item.planned] : [])),
  };
}
