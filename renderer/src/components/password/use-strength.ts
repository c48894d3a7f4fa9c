// Renderer. The live verdict on a password being typed, measured a moment after the last key (the estimator
// takes a few milliseconds per call, up to a quarter second the first time), never on the login screen.
// It runs main's own rules (shared/password/strength-rules.ts) with the same context words (username, display
// name, site name), and asks main whether the password is on its common-password list, which stays in main:
// until main has answered for this very password, the verdict is not "ready", so the meter never shows as
// accepted a password main would refuse.
import { useEffect, useState } from 'react';
import type { PasswordRules } from '../../../../shared/contract';
import type { PasswordRuleRejection } from '../../../../shared/password/strength-rules';
import type { StrengthReport } from '../../../../shared/password/strength';
import { call } from '../../api/client';
import { loadStrengthEstimator } from './load-strength';

export const STRENGTH_DEBOUNCE_MS = 150;

export interface MeterVerdict {
  /** zxcvbn's measure; null when the length alone refused the password. */
  report: StrengthReport | null;
  /** Every reason main would refuse it, the common-password list included once main has answered. */
  rejections: PasswordRuleRejection[];
}

export type StrengthState =
  | { status: 'empty' }
  /** Being measured or checked by main; `previous` is the last verdict, kept on screen so the bar doesn't flicker. */
  | { status: 'computing'; previous: MeterVerdict | null }
  | { status: 'ready'; verdict: MeterVerdict }
  | { status: 'unavailable' };

/** The words a password must not lean on, as main's policy knows them for this account. */
export interface StrengthContextWords {
  username?: string;
  displayName?: string;
}

export function useStrength(password: string, context: StrengthContextWords, rules: PasswordRules | null, locale: 'fr' | 'en'): StrengthState {
  const { username = '', displayName = '' } = context;
  const [measured, setMeasured] = useState<{ key: string; verdict: MeterVerdict; checked: boolean } | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const key = JSON.stringify([password, username, displayName, rules, locale]);

  useEffect(() => {
    if (password === '' || !rules) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      loadStrengthEstimator().then(
        async ({ checkPasswordRulesKnowingCommon }) => {
          if (cancelled) return;
          const context = { ...rules, username, displayName };
          // Everything but the list at once; the list's answer follows from main.
          const local = checkPasswordRulesKnowingCommon(password, context, false, locale);
          const verdict: MeterVerdict = { report: local.strength, rejections: local.rejections };
          setMeasured({ key, verdict, checked: false });
          if (local.rejections.includes('tooLong')) {
            setMeasured({ key, verdict, checked: true });
            return;
          }
          // The list is main's; so is the final word. No answer (main unreachable): never shown as accepted.
          const common = await call('account:isCommonPassword', { password });
          if (cancelled || !common.ok) return;
          const rejections = common.data ? checkPasswordRulesKnowingCommon(password, context, true, locale).rejections : verdict.rejections;
          setMeasured({ key, verdict: { report: verdict.report, rejections }, checked: true });
        },
        () => {
          if (!cancelled) setUnavailable(true);
        },
      );
    }, STRENGTH_DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [key, password, username, displayName, rules, locale]);

  if (password === '') return { status: 'empty' };
  if (unavailable) return { status: 'unavailable' };
  if (measured?.key === key && measured.checked) return { status: 'ready', verdict: measured.verdict };
  return { status: 'computing', previous: measured?.verdict ?? null };
}
