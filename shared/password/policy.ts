// Pure (main and renderer). The password policy main re-checks on every path that sets a password (first administrator,
// account creation, change, reset). The renderer's strength meter runs the same function so that its green means
// accepted; main's run is the check.
// NIST SP 800-63B: a minimum length (an admin setting, 8–64), at least 64 characters accepted, no
// composition rules, a list of common passwords, nothing derived from the account's own names.
// It returns every reason a password is refused, so the UI can always say why.
//
// Comparison rules (NFKC first, as the hasher does):
// - Length is counted in Unicode code points after NFKC: "é" counts 1 whether typed precomposed or as
//   "e" + combining accent; the ligature "ﬁ" counts 2, since NFKC turns it into "fi".
// - Text is compared after NFKC + lower-case. Name checks also ignore accents ("André" matches "andre").
// - "common": the password, or the password with its accents removed, is on the list; so is it when
//   its *stem* is: the password less its trailing run of digits, punctuation, symbols and spaces,
//   provided that stem has at least 4 code points ("Soleil2024!" → "soleil"). Shorter stems are ignored,
//   or "abc!!!!!" would be refused because of "abc". Only trailing decorations are stripped.
// - "containsUsername": only for usernames of 3 code points or more.
// - "containsDisplayName": the password contains the whole display name (3 code points or more, with
//   or without its separators), or any part of it of 4 code points or more, parts being split on spaces,
//   hyphens and apostrophes ("Jean-Marc Dupont" → jean, marc, dupont).
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, normalizePassword } from '../accounts/account-fields';

/** In this order in checkPasswordPolicy's answer. */
export type PasswordRejection = 'tooShort' | 'tooLong' | 'common' | 'containsUsername' | 'containsDisplayName';

/** Bounds of the administrator's "minimum password length" setting. */
export const MIN_LENGTH_SETTING_FLOOR = PASSWORD_MIN_LENGTH;
export const MIN_LENGTH_SETTING_CEILING = 64;

/** Shortest stem (code points) that the common-password check looks up. */
export const COMMON_STEM_MIN_LENGTH = 4;
const USERNAME_MIN_LENGTH = 3;
const DISPLAY_NAME_MIN_LENGTH = 3;
const DISPLAY_NAME_PART_MIN_LENGTH = 4;
/** Far beyond any 256-code-point password: above it we refuse without normalising anything. */
const RAW_LENGTH_GUARD = PASSWORD_MAX_LENGTH * 16;

export interface PasswordPolicyContext {
  /** The administrator's setting; clamped to 8–64. */
  minLength: number;
  username?: string | null;
  displayName?: string | null;
  /** Whether an NFKC + lower-cased candidate is a common password (CommonPasswordList.has). */
  isCommon: (candidate: string) => boolean;
}

export function clampMinLength(minLength: number): number {
  if (!Number.isFinite(minLength)) return MIN_LENGTH_SETTING_FLOOR;
  return Math.min(MIN_LENGTH_SETTING_CEILING, Math.max(MIN_LENGTH_SETTING_FLOOR, Math.floor(minLength)));
}

/** Every reason `password` is refused, in PasswordRejection's order; an empty array means accepted. */
export function checkPasswordPolicy(password: string, context: PasswordPolicyContext): PasswordRejection[] {
  if (password.length > RAW_LENGTH_GUARD) return ['tooLong'];

  const normalised = normalizePassword(password);
  const lowered = normalised.toLowerCase();
  const folded = foldAccents(lowered);
  const length = codePoints(normalised);
  const rejections: PasswordRejection[] = [];

  if (length < clampMinLength(context.minLength)) rejections.push('tooShort');
  if (length > PASSWORD_MAX_LENGTH) rejections.push('tooLong');
  if (commonCandidates(lowered, folded).some((candidate) => context.isCommon(candidate))) rejections.push('common');

  const username = foldName(context.username);
  if (codePoints(username) >= USERNAME_MIN_LENGTH && folded.includes(username)) rejections.push('containsUsername');

  if (displayNameNeedles(context.displayName).some((needle) => folded.includes(needle))) rejections.push('containsDisplayName');

  return rejections;
}

function commonCandidates(lowered: string, folded: string): string[] {
  const candidates = new Set<string>();
  for (const form of [lowered, folded]) {
    candidates.add(form);
    const stem = form.replace(/[\p{N}\p{P}\p{S}\s]+$/u, '');
    if (codePoints(stem) >= COMMON_STEM_MIN_LENGTH) candidates.add(stem);
  }
  return [...candidates];
}

function displayNameNeedles(displayName: string | null | undefined): string[] {
  const full = foldName(displayName);
  const needles: string[] = [];
  const parts = full.split(/[\s\-‐‑–'’ʼ]+/u).filter((part) => part !== '');
  for (const whole of [full, parts.join('')]) if (codePoints(whole) >= DISPLAY_NAME_MIN_LENGTH) needles.push(whole);
  for (const part of parts) if (codePoints(part) >= DISPLAY_NAME_PART_MIN_LENGTH) needles.push(part);
  return needles;
}

function foldName(name: string | null | undefined): string {
  return foldAccents(normalizePassword(name ?? '').trim().toLowerCase());
}

/** Strips diacritics: NFD, drop the combining marks, back to NFKC. */
function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFKC');
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
