// Pure. The reference code a person holds to finish a password reset (approval requests, IT's recovery codes):
// 12 symbols of Crockford's base32 (60 bits), shown as 3 groups of 4, e.g. "7KQ3-M9XD-2HRT". No I, L, O or U,
// so nothing reads as another symbol; typed case-insensitively, with O read as 0 and I or L read as 1, and any
// spaces or hyphens ignored. Main and the renderer use these same rules, so a typo is caught before any try counts.

export const REFERENCE_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const REFERENCE_CODE_LENGTH = 12;
const GROUP = 4;
const CANONICAL = /^[0-9A-HJKMNP-TV-Z]{12}$/;

/** The canonical form (12 symbols, upper case, no separators), or null when it can't be a code. */
export function normalizeReferenceCode(typed: string): string | null {
  const compact = typed
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return CANONICAL.test(compact) ? compact : null;
}

/** "7KQ3M9XD2HRT" → "7KQ3-M9XD-2HRT". */
export function formatReferenceCode(canonical: string): string {
  const groups: string[] = [];
  for (let i = 0; i < canonical.length; i += GROUP) groups.push(canonical.slice(i, i + GROUP));
  return groups.join('-');
}
