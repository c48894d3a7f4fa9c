// Pure (Node). Temporary passwords an administrator reads out or copies for a user: random, from an alphabet
// without look-alikes (no 0/O, 1/I/L), in groups of four so they can be read aloud and typed on a shop keyboard.
// 4 groups of 4 from 31 symbols ≈ 79 bits; more groups when the minimum length setting asks for it.
import { randomInt } from 'node:crypto';
import { ACCOUNT_SETTING_BOUNDS } from '../../../shared/accounts/account-settings';
import { protectSecret } from '../kernel/platform/redact';

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const GROUP = 4;
const MIN_GROUPS = 4;

export function generateTemporaryPassword(minLength: number): string {
  let groups = MIN_GROUPS;
  // Each group adds 4 symbols and a hyphen (except the first): length = 5 × groups − 1.
  while (groups * (GROUP + 1) - 1 < minLength) groups++;
  const parts: string[] = [];
  for (let g = 0; g < groups; g++) {
    let part = '';
    for (let i = 0; i < GROUP; i++) part += ALPHABET[randomInt(ALPHABET.length)];
    parts.push(part);
  }
  const password = parts.join('-');
  // Masked in any log line for as long as a temporary password can work.
  protectSecret(password, { lifetimeMs: ACCOUNT_SETTING_BOUNDS.temporaryPasswordHours.max * 3_600_000 });
  return password;
}
