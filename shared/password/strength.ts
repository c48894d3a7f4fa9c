// Pure (main and renderer). Password strength with zxcvbn-ts and the French and common dictionaries.
// The renderer imports this module lazily (dynamic import) so the login screen stays light; main imports it
// too, because the administrator's "minimum strength" setting is enforced there, not in the form.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as fr from '@zxcvbn-ts/language-fr';
import { normalizePassword } from '../accounts/account-fields';
import { levelFromScore, type StrengthLevel } from './strength-levels';

export interface StrengthReport {
  level: StrengthLevel;
  /** zxcvbn's 0–4 score. */
  score: number;
  /** zxcvbn's own feedback, in the requested language; empty when it has nothing to say. */
  warning: string;
  suggestions: string[];
}

export interface StrengthContext {
  username?: string | null;
  displayName?: string | null;
  siteName?: string | null;
}

const factories = new Map<'fr' | 'en', ZxcvbnFactory>();

function factory(locale: 'fr' | 'en'): ZxcvbnFactory {
  let zxcvbn = factories.get(locale);
  if (!zxcvbn) {
    zxcvbn = new ZxcvbnFactory({
      translations: locale === 'fr' ? fr.translations : en.translations,
      // French users type on AZERTY: keyboard walks like "azerty" or "wxcvbn" are found too.
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...fr.dictionary, ...en.dictionary },
    });
    factories.set(locale, zxcvbn);
  }
  return zxcvbn;
}

/** The names a password must not lean on: they are the first guesses of anyone who knows the plant. */
export function strengthUserInputs(context: StrengthContext): string[] {
  const inputs = new Set<string>();
  for (const value of [context.username, context.displayName, context.siteName]) {
    const text = (value ?? '').trim().toLowerCase();
    if (text === '') continue;
    inputs.add(text);
    for (const part of text.split(/[\s\-'’.@_]+/u)) if (part.length >= 3) inputs.add(part);
  }
  return [...inputs];
}

export function estimateStrength(password: string, context: StrengthContext = {}, locale: 'fr' | 'en' = 'fr'): StrengthReport {
  const result = factory(locale).check(normalizePassword(password), strengthUserInputs(context));
  return {
    level: levelFromScore(result.score),
    score: result.score,
    warning: result.feedback.warning ?? '',
    suggestions: result.feedback.suggestions ?? [],
  };
}
