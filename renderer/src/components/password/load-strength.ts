// Renderer. The strength estimator with its dictionaries (about a megabyte) is fetched only when a new-password
// form is shown: the dynamic import gives it its own chunk, so the login screen never downloads it.
import type * as StrengthModule from '../../../../shared/password/strength';

let loading: Promise<typeof StrengthModule> | null = null;

export function loadStrengthEstimator(): Promise<typeof StrengthModule> {
  loading ??= import('../../../../shared/password/strength').catch((error: unknown) => {
    loading = null; // A later form may try again.
    throw error;
  });
  return loading;
}
