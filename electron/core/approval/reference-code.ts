// Pure (Node). Making and checking reference codes (approval requests, IT's recovery codes): 12 random symbols of
// Crockford's base32 = 60 bits, far above the 40 asked, and each code dies after 5 wrong tries anyway. Only the
// SHA-256 of the canonical form is stored; comparisons run in constant time. Format rules: shared/schemas/reference-code.ts.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { APPROVAL_SETTING_BOUNDS } from '../../../shared/approval/approval-settings';
import { formatReferenceCode, REFERENCE_CODE_ALPHABET, REFERENCE_CODE_LENGTH } from '../../../shared/approval/reference-code';
import { protectSecret } from '../kernel/platform/redact';

/** The longest an approval request (and so its code) can live. */
const LONGEST_REQUEST_MS = APPROVAL_SETTING_BOUNDS.requestLifetimeDays.max * 86_400_000;

/**
 * A new code in canonical form (no separators); show it with formatReferenceCode. Both forms are masked in any log
 * line for `lifetimeMs` (by default the longest an approval request lives).
 */
export function generateReferenceCode(lifetimeMs: number = LONGEST_REQUEST_MS): string {
  let code = '';
  for (let i = 0; i < REFERENCE_CODE_LENGTH; i++) code += REFERENCE_CODE_ALPHABET[randomInt(REFERENCE_CODE_ALPHABET.length)];
  protectSecret(code, { lifetimeMs });
  protectSecret(formatReferenceCode(code), { lifetimeMs });
  return code;
}

/** Four digits the requester reads to the administrator. Not a secret: it only tells two requests apart. */
export function generateCheckNumber(): string {
  return String(randomInt(10_000)).padStart(4, '0');
}

export function hashReferenceCode(canonical: string): string {
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Constant-time comparison of a typed code's hash with a stored one. */
export function hashesMatch(candidateHash: string, storedHash: string): boolean {
  const a = Buffer.from(candidateHash, 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

/**
 * The first stored item whose hash matches, comparing with every item (no early exit), so the time taken says
 * nothing about which one matched. Unknown accounts pass an empty list and still cost one comparison.
 */
export function findMatching<T extends { codeHash: string }>(candidateHash: string, items: readonly T[]): T | null {
  let found: T | null = null;
  if (items.length === 0) hashesMatch(candidateHash, DUMMY_HASH);
  for (const item of items) {
    if (hashesMatch(candidateHash, item.codeHash) && found === null) found = item;
  }
  return found;
}

const DUMMY_HASH = hashReferenceCode('0'.repeat(REFERENCE_CODE_LENGTH));
