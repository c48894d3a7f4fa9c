// Renderer. The translated sentences of a field's issues, in the current language (see form-errors.ts).
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../../shared/contract';
import { fieldMessages } from './form-errors';

export function useFieldMessages(): (issues: readonly FieldIssue[] | undefined) => string[] {
  const { t } = useTranslation();
  return useCallback(
    // Keys come from main or from shared schemas (validation.*): the compiler can't check them, i18next shows an unknown one as is.
    (issues) => fieldMessages(issues, (key, values) => t(key as 'validation.invalid', values ?? {})),
    [t],
  );
}
