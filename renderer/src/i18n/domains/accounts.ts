// Renderer. Strings for users, password change, strength meter (issue 4), French first; English typed against it.
// Each domain owns its top-level keys, merged into fr.ts and en.ts.
import type { Strings } from '../strings';

export const accountsFr = {};

export const accountsEn: Strings<typeof accountsFr> = {};
