// Renderer. Strings for Messagerie, outbox, forgot password by email, invitations (issue 5), French first; English typed against it.
// Each domain owns its top-level keys, merged into fr.ts and en.ts.
import type { Strings } from '../strings';

export const emailFr = {};

export const emailEn: Strings<typeof emailFr> = {};
