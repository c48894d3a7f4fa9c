import { describe, expect, it } from 'vitest';
import { backupFileName, formatLocalStamp, isPlainBackupName, parseBackupFileName } from './backup-names';

const at = Date.UTC(2026, 0, 15, 8, 0, 0);

describe('backup file names', () => {
  it('carry the kind and the local time with its offset, and read back to the same moment', () => {
    const name = backupFileName('auto', at);
    expect(name).toMatch(/^gmao-atelier_\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}[+-]\d{4}_auto\.sqlite$/);
    expect(name).toContain(formatLocalStamp(at));
    expect(parseBackupFileName(name)).toEqual({ kind: 'auto', createdAt: at });
    for (const kind of ['manual', 'pre-migration', 'pre-restore', 'imported'] as const) {
      expect(parseBackupFileName(backupFileName(kind, at + 1000))).toEqual({ kind, createdAt: at + 1000 });
    }
    expect(backupFileName('pre-restore', at)).toMatch(/_avant-restauration\.sqlite$/);
    expect(backupFileName('manual', at)).toMatch(/_manuelle\.sqlite$/);
  });

  it('reads any offset, not just this machine’s', () => {
    expect(parseBackupFileName('gmao-atelier_2026-07-01_10-30-00+0200_manuelle.sqlite')).toEqual({ kind: 'manual', createdAt: Date.UTC(2026, 6, 1, 8, 30) });
    expect(parseBackupFileName('gmao-atelier_2026-07-01_03-30-00-0500_auto.sqlite')).toEqual({ kind: 'auto', createdAt: Date.UTC(2026, 6, 1, 8, 30) });
  });

  it('numbers a second backup of the same second instead of overwriting the first', () => {
    const second = backupFileName('manual', at, 2);
    expect(second).toMatch(/_manuelle-2\.sqlite$/);
    expect(parseBackupFileName(second)).toEqual({ kind: 'manual', createdAt: at });
  });

  it('does not claim names it did not make', () => {
    for (const name of ['copie-de-lundi.sqlite', 'gmao-atelier_2026-01-15_09-00-00+0100_inconnu.sqlite', 'gmao-atelier_2026-01-15_09-00-00_auto.sqlite']) {
      expect(parseBackupFileName(name)).toBeNull();
    }
  });

  it('accepts only plain file names of the folder from the renderer', () => {
    expect(isPlainBackupName('copie-de-lundi.sqlite')).toBe(true);
    for (const name of ['../gmao-atelier.sqlite', '..\\x.sqlite', '/etc/x.sqlite', 'C:x.sqlite', '.cachee.sqlite', 'x.sqlite.partial', 'x.db', ' x.sqlite']) {
      expect(isPlainBackupName(name)).toBe(false);
    }
  });
});
