// Pure. How backup files are named, so the name alone says what a file is and when it was taken:
//   gmao-atelier_2026-01-15_09-00-00+0100_auto.sqlite
// Local time with its UTC offset: readable in a file explorer by IT, unambiguous across daylight-saving
// changes, and it sorts by date. Words are French because people browse this folder. A second backup of the
// same kind in the same second gets "-2", "-3"… before the extension.
import type { BackupKind } from '../../../shared/contract';

export const BACKUP_EXTENSION = '.sqlite';
const PREFIX = 'gmao-atelier_';

/** The word each kind has in file names. `other` has none: it is whatever a person named a file. */
export const KIND_WORDS: Record<Exclude<BackupKind, 'other'>, string> = {
  auto: 'auto',
  manual: 'manuelle',
  'pre-migration': 'avant-migration',
  'pre-restore': 'avant-restauration',
  imported: 'importee',
};

const WORD_KINDS = new Map(Object.entries(KIND_WORDS).map(([kind, word]) => [word, kind as Exclude<BackupKind, 'other'>]));

const NAME_PATTERN =
  /^gmao-atelier_(\d{4})-(\d{2})-(\d{2})_(\d{2})-(\d{2})-(\d{2})([+-])(\d{2})(\d{2})_([a-z-]+?)(?:-(\d+))?\.sqlite$/;

export function backupFileName(kind: Exclude<BackupKind, 'other'>, at: number, attempt = 1): string {
  return `${PREFIX}${formatLocalStamp(at)}_${KIND_WORDS[kind]}${attempt > 1 ? `-${attempt}` : ''}${BACKUP_EXTENSION}`;
}

/** The kind and moment a name of ours carries, or null for any other name. */
export function parseBackupFileName(name: string): { kind: Exclude<BackupKind, 'other'>; createdAt: number } | null {
  const match = NAME_PATTERN.exec(name);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, sign, offsetHours, offsetMinutes, word] = match;
  const kind = WORD_KINDS.get(word);
  if (!kind) return null;
  const utc = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
  const offsetMs = (sign === '+' ? 1 : -1) * (+offsetHours * 60 + +offsetMinutes) * 60_000;
  const createdAt = utc - offsetMs;
  return Number.isNaN(createdAt) ? null : { kind, createdAt };
}

/** 2026-01-15_09-00-00+0100 for 08:00 UTC on a PC in Paris (winter). */
export function formatLocalStamp(at: number): string {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}_` +
    `${pad(date.getHours())}-${pad(date.getMinutes())}-${pad(date.getSeconds())}${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
  );
}

/** A name from the renderer must be a plain file name of the folder: no separator, no "..", our extension. */
export function isPlainBackupName(name: string): boolean {
  return (
    name.endsWith(BACKUP_EXTENSION) &&
    name.length <= 255 &&
    !name.startsWith('.') &&
    !/[/\\:\0]/.test(name) &&
    name === name.trim()
  );
}
