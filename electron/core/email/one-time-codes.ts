// Pure (Node). The two halves of a one-time code: a short code a person types (10 characters of Crockford
// base32 = 50 bits, shown as XXXXX-XXXXX, forgiving of O/0 and I/L/1 and of case), and a 32-byte random token
// for the deep link. Only SHA-256 hashes are stored; comparisons are constant-time.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { DEEP_LINK_SCHEME } from '../kernel/platform/app-scheme';

/** Crockford's alphabet: no I, L, O, U. */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 10;
export { DEEP_LINK_SCHEME };

export function generateCode(): string {
  let code = '';
  // randomInt draws without modulo bias.
  for (let i = 0; i < CODE_LENGTH; i++) code += CROCKFORD_ALPHABET[randomInt(CROCKFORD_ALPHABET.length)];
  return code;
}

/** "ABCDE-FGHJK": two groups of five, easier to read aloud and to type. */
export function formatCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export type NormalizedCode = { ok: true; code: string } | { ok: false; reason: 'too_short' | 'invalid' };

/**
 * What the person typed, as Crockford decodes it: case-insensitive, spaces and hyphens ignored, O read as 0,
 * I and L read as 1. U and anything else is not a code.
 */
export function normalizeCode(input: string): NormalizedCode {
  const compact = input.toUpperCase().replace(/[\s\-_.]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (compact.length > CODE_LENGTH || [...compact].some((c) => !CROCKFORD_ALPHABET.includes(c))) return { ok: false, reason: 'invalid' };
  if (compact.length < CODE_LENGTH) return { ok: false, reason: 'too_short' };
  return { ok: true, code: compact };
}

export function generateLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

export function isWellFormedLinkToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export function newSalt(): string {
  return randomBytes(16).toString('hex');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** A code has only 50 bits: a per-token salt keeps a stolen table of hashes from being looked up all at once. */
export function hashCode(salt: string, normalizedCode: string): string {
  return sha256Hex(`${salt}:${normalizedCode}`);
}

export function hashLinkToken(token: string): string {
  return sha256Hex(token);
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

export function buildDeepLink(token: string): string {
  return `${DEEP_LINK_SCHEME}://reset?token=${token}`;
}

/** The token of a `gmao-atelier://reset?token=…` link, or null for anything else (for main's protocol handler). */
export function parseDeepLink(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${DEEP_LINK_SCHEME}:` || parsed.hostname !== 'reset') return null;
  const token = parsed.searchParams.get('token');
  return token && isWellFormedLinkToken(token) ? token : null;
}
