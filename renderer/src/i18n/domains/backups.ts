// Renderer. Strings for the "Sauvegardes" screen: backups and restore (issue 7), French first; English typed against it.
// Each domain owns its top-level keys, merged into fr.ts and en.ts.
import type { Strings } from '../strings';

export const backupsFr = {};

export const backupsEn: Strings<typeof backupsFr> = {};
