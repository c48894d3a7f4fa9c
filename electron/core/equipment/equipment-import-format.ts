// Pure (Node). The file layout of équipements and localisations, shared by the import, the export and the template:
// French headers (the ones a plant's Excel sheet already uses), the words for statuses and location types, and the
// reading of a cell exceljs hands us (text, number, date, rich text, formula) as plain text or a calendar date.
import type { CellValue } from 'exceljs';
import type { EquipmentStatusCode, ImportSheet } from '../../../shared/equipment/equipment-io-contract';
import type { LocationKind } from '../kernel/db/schema';
import { foldText } from '../kernel/db/text-search';

export type LocationField = 'code' | 'name' | 'kind' | 'parent';
export type EquipmentField =
  | 'code'
  | 'designation'
  | 'location'
  | 'parent'
  | 'category'
  | 'criticality'
  | 'status'
  | 'manufacturer'
  | 'model'
  | 'serialNumber'
  | 'commissionedOn'
  | 'notes';

export const SHEET_NAMES: Record<ImportSheet, string> = { locations: 'Localisations', equipment: 'Équipements' };

/** Canonical headers, in file order: what the template and the export write. */
export const LOCATION_HEADERS: Record<LocationField, string> = { code: 'Code', name: 'Nom', kind: 'Type', parent: 'Parent' };
export const EQUIPMENT_HEADERS: Record<EquipmentField, string> = {
  code: 'Code',
  designation: 'Désignation',
  location: 'Localisation',
  parent: 'Parent',
  category: 'Catégorie',
  criticality: 'Criticité',
  status: 'Statut',
  manufacturer: 'Fabricant',
  model: 'Modèle',
  serialNumber: 'N° de série',
  commissionedOn: 'Date de mise en service',
  notes: 'Notes',
};

/** "N° de série" → "ndeserie": headers compare without case, accents, spaces or punctuation. */
export function headerKey(header: string): string {
  return foldText(header).replace(/[^a-z0-9]/g, '');
}

const LOCATION_ALIASES: Record<string, LocationField> = {
  code: 'code',
  codelocalisation: 'code',
  nom: 'name',
  name: 'name',
  libelle: 'name',
  type: 'kind',
  niveau: 'kind',
  parent: 'parent',
  codeparent: 'parent',
};

const EQUIPMENT_ALIASES: Record<string, EquipmentField> = {
  code: 'code',
  codeequipement: 'code',
  designation: 'designation',
  libelle: 'designation',
  localisation: 'location',
  codelocalisation: 'location',
  location: 'location',
  parent: 'parent',
  codeparent: 'parent',
  equipementparent: 'parent',
  categorie: 'category',
  category: 'category',
  criticite: 'criticality',
  criticality: 'criticality',
  statut: 'status',
  etat: 'status',
  status: 'status',
  fabricant: 'manufacturer',
  constructeur: 'manufacturer',
  marque: 'manufacturer',
  modele: 'model',
  model: 'model',
  ndeserie: 'serialNumber',
  nserie: 'serialNumber',
  numerodeserie: 'serialNumber',
  nodeserie: 'serialNumber',
  serie: 'serialNumber',
  serialnumber: 'serialNumber',
  datedemiseenservice: 'commissionedOn',
  miseenservice: 'commissionedOn',
  datemiseenservice: 'commissionedOn',
  datedemes: 'commissionedOn',
  notes: 'notes',
  note: 'notes',
  remarques: 'notes',
  commentaire: 'notes',
};

export function locationFieldOf(header: string): LocationField | undefined {
  return LOCATION_ALIASES[headerKey(header)];
}

export function equipmentFieldOf(header: string): EquipmentField | undefined {
  return EQUIPMENT_ALIASES[headerKey(header)];
}

export const STATUS_WORDS: Record<EquipmentStatusCode, string> = {
  in_service: 'En service',
  stopped: "À l'arrêt",
  out_of_service: 'Hors service',
  scrapped: 'Réformé',
};

const STATUS_ALIASES: Record<string, EquipmentStatusCode> = {
  enservice: 'in_service',
  inservice: 'in_service',
  alarret: 'stopped',
  arret: 'stopped',
  arrete: 'stopped',
  stopped: 'stopped',
  horsservice: 'out_of_service',
  hs: 'out_of_service',
  outofservice: 'out_of_service',
  reforme: 'scrapped',
  scrapped: 'scrapped',
};

export function statusOf(text: string): EquipmentStatusCode | undefined {
  return STATUS_ALIASES[headerKey(text)];
}

export const KIND_WORDS: Record<LocationKind, string> = { site: 'Site', zone: 'Zone', line: 'Ligne' };
const KIND_ALIASES: Record<string, LocationKind> = { site: 'site', usine: 'site', zone: 'zone', atelier: 'zone', ligne: 'line', line: 'line' };

export function kindOf(text: string): LocationKind | undefined {
  return KIND_ALIASES[headerKey(text)];
}

/** Site above zone above ligne: a location's parent must be of a higher rank. */
export const KIND_RANK: Record<LocationKind, number> = { site: 0, zone: 1, line: 2 };

/** A cell as text: rich text joined, a formula's result, a hyperlink's text; dates as YYYY-MM-DD. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return isoDate(value);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((part) => part.text).join('').trim();
    if ('result' in value) return cellText((value as { result?: CellValue }).result ?? null);
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('error' in value) return '';
  }
  return String(value as unknown).trim();
}

function isoDate(date: Date): string {
  // exceljs gives a date cell as UTC midnight of that calendar day.
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

function validDate(year: number, month: number, day: number): string | undefined {
  if (year < 1900 || year > 2200) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return isoDate(date);
}

/** JJ/MM/AAAA (French Excel), AAAA-MM-JJ, or an Excel serial day number; undefined when it is not a real date. */
export function parseCalendarDate(value: CellValue): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : isoDate(value);
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1 || value > 120_000) return undefined;
    return isoDate(new Date(Date.UTC(1899, 11, 30) + value * 86_400_000));
  }
  const text = cellText(value);
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (match) return validDate(Number(match[3]), Number(match[2]), Number(match[1]));
  match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(text);
  if (match) return validDate(Number(match[1]), Number(match[2]), Number(match[3]));
  const serial = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  return Number.isNaN(serial) ? undefined : parseCalendarDate(serial);
}

/** YYYY-MM-DD → JJ/MM/AAAA, for a CSV French Excel reads as a date. */
export function frenchDate(iso: string | null): string {
  if (!iso) return '';
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}
