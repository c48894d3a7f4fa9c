// Renderer. Strings for the About screen, logs, error boundary (issue 7), French first; English typed against it.
// Each domain owns its top-level keys, merged into fr.ts and en.ts.
import type { Strings } from '../strings';

export const shippingFr = {};

export const shippingEn: Strings<typeof shippingFr> = {};
