// Renderer. Strings for reset by administrator approval (issue 6), French first; English typed against it.
// Each domain owns its top-level keys, merged into fr.ts and en.ts.
import type { Strings } from '../strings';

export const approvalFr = {};

export const approvalEn: Strings<typeof approvalFr> = {};
