// Renderer. The strength estimator with its dictionaries (about a megabyte) and the shared password rules are
// fetched only when a new-password form is shown: the dynamic import gives them their own chunk, so the login
// screen never downloads it.
import type * as StrengthRulesModule from '../../../../shared/password/strength-rules';

let loading: Promise<typeof StrengthRulesModule> | null = null;

export function loadStrengthEstimator(): Promise<typeof StrengthRulesModule> {
  loading ??= import('../../../../shared/password/strength-rules').catch((error: unknown) => {
    loading = null; // A later form may try again.
    throw error;
  });
  return loading;
}
