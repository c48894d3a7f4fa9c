import { describe, expect, it } from 'vitest';
import { matchState, passwordsMatch } from './password-match';

describe('password confirmation', () => {
  it('says nothing until something is typed, nor while the right password is being typed', () => {
    expect(matchState('tracteur bleu', '')).toBe('empty');
    expect(matchState('tracteur bleu', 'tract')).toBe('typing');
    expect(matchState('tracteur bleu', 'tracteur bleu')).toBe('match');
  });

  it('calls a wrong character or a longer confirmation a mismatch at once', () => {
    expect(matchState('tracteur bleu', 'tracteir')).toBe('mismatch');
    expect(matchState('tracteur bleu', 'tracteur bleu!')).toBe('mismatch');
    expect(matchState('', 'x')).toBe('mismatch');
  });

  it('compares after NFKC, like main (ligature and full-width digit)', () => {
    expect(passwordsMatch('ﬁltre à huile １', 'filtre à huile 1')).toBe(true);
    expect(matchState('ﬁltre', 'filtre')).toBe('match');
    expect(passwordsMatch('Filtre', 'filtre')).toBe(false);
  });
});
