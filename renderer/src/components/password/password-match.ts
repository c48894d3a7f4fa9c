// Renderer (pure). Whether the confirmation matches the new password, compared as main compares them (NFKC),
// and when to say so: a confirmation still being typed correctly is not called a mismatch yet.
import { normalizePassword } from '../../../../shared/accounts/account-fields';

export { passwordsMatch } from '../../../../shared/accounts/account-fields';

export type MatchState = 'empty' | 'typing' | 'match' | 'mismatch';

export function matchState(password: string, confirmation: string): MatchState {
  if (confirmation === '') return 'empty';
  const a = normalizePassword(password);
  const b = normalizePassword(confirmation);
  if (a === b) return 'match';
  // The start of the right password, shorter than it: the person is still typing.
  if (b.length < a.length && a.startsWith(b)) return 'typing';
  return 'mismatch';
}
