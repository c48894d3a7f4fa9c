// Renderer. The rules a new password must meet (minimum length and strength, the site's name), read from main
// each time a new-password form opens, so a change an administrator just made is shown at once.
import { useEffect, useState } from 'react';
import type { PasswordRules } from '../../../../shared/contract';
import { call } from '../../api/client';

/** `known`: rules a parent already has; then main isn't asked. */
export function usePasswordRules(known?: PasswordRules | null): PasswordRules | null {
  const [rules, setRules] = useState<PasswordRules | null>(null);
  const skip = known !== null && known !== undefined;
  useEffect(() => {
    if (skip) return;
    let cancelled = false;
    void call('account:getPasswordRules').then((result) => {
      if (!cancelled && result.ok) setRules(result.data);
    });
    return () => {
      cancelled = true;
    };
  }, [skip]);
  return known ?? rules;
}
