// Renderer. The live strength of a password being typed: measured a moment after the last key (the estimator
// takes a few milliseconds per call, up to a quarter second the first time), never on the login screen.
import { useEffect, useState } from 'react';
import type { StrengthContext, StrengthReport } from '../../../../shared/password/strength';
import { loadStrengthEstimator } from './load-strength';

export const STRENGTH_DEBOUNCE_MS = 150;

export type StrengthState =
  | { status: 'empty' }
  /** Being measured; `previous` is the last verdict, kept on screen so the bar doesn't flicker while typing. */
  | { status: 'computing'; previous: StrengthReport | null }
  | { status: 'ready'; report: StrengthReport }
  | { status: 'unavailable' };

export function useStrength(password: string, context: StrengthContext, locale: 'fr' | 'en'): StrengthState {
  const { username = '', displayName = '', siteName = '' } = context;
  const [measured, setMeasured] = useState<{ key: string; report: StrengthReport } | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const key = JSON.stringify([password, username, displayName, siteName, locale]);

  useEffect(() => {
    if (password === '') return;
    let cancelled = false;
    const timer = setTimeout(() => {
      loadStrengthEstimator().then(
        ({ estimateStrength }) => {
          if (!cancelled) setMeasured({ key, report: estimateStrength(password, { username, displayName, siteName }, locale) });
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
  }, [key, password, username, displayName, siteName, locale]);

  if (password === '') return { status: 'empty' };
  if (unavailable) return { status: 'unavailable' };
  if (measured?.key === key) return { status: 'ready', report: measured.report };
  return { status: 'computing', previous: measured?.report ?? null };
}
