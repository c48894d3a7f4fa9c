// Renderer. Strings for the security audit viewer (issue 4), French first; English typed against it.
// Each domain owns its top-level keys, merged into fr.ts and en.ts.
import type { Strings } from '../strings';

export const auditFr = {};

export const auditEn: Strings<typeof auditFr> = {};
