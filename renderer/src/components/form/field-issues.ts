// Renderer (pure). The bridge between react-hook-form's errors and the contract's field issues: a zod message is a
// `validation.*` key; main's refusal is `{code, message, fields: [{path, code, params}]}`, possibly with several
// reasons for one field (a password too short *and* containing the username). Both end up as FieldIssue lists,
// which `fieldMessages` (form-errors.ts) turns into French or English sentences.
import type { FieldError, FieldErrors, FieldValues } from 'react-hook-form';
import type { FieldIssue } from '../../../../shared/contract';

/** The type react-hook-form keeps on an error main gave (as opposed to the zod schema run in the form). */
export const SERVER_ERROR_TYPE = 'server';

/** Main's issues, grouped per field, as react-hook-form errors: every reason kept in `types` (code → params as JSON). */
export function serverFieldErrors(fields: readonly FieldIssue[] | undefined): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  for (const issue of fields ?? []) {
    const error = (errors[issue.path] ??= { type: SERVER_ERROR_TYPE, message: issue.code, types: {} });
    error.types![issue.code] ??= JSON.stringify(issue.params ?? {});
  }
  return errors;
}

/** The issues of one field's error, whichever side found them. */
export function fieldErrorIssues(path: string, error: FieldError | undefined): FieldIssue[] {
  if (!error) return [];
  if (error.type === SERVER_ERROR_TYPE && error.types) {
    return Object.entries(error.types).map(([code, params]) => {
      const parsed = typeof params === 'string' ? (JSON.parse(params) as FieldIssue['params']) : undefined;
      return parsed && Object.keys(parsed).length > 0 ? { path, code, params: parsed } : { path, code };
    });
  }
  return error.message ? [{ path, code: error.message }] : [];
}

/** A field's error in react-hook-form's nested errors (`a.b` → errors.a.b). */
export function errorAt<T extends FieldValues>(errors: FieldErrors<T>, path: string): FieldError | undefined {
  let node: unknown = errors;
  for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return node && typeof node === 'object' && 'type' in node ? (node as FieldError) : undefined;
}

/** Adds issues found outside the schema (a rule that depends on another field) to the schema's errors, first one per field kept. */
export function withExtraIssues<T extends FieldValues>(errors: FieldErrors<T>, extra: readonly FieldIssue[]): FieldErrors<T> {
  const merged: Record<string, unknown> = { ...errors };
  for (const issue of extra) merged[issue.path] ??= { type: 'validate', message: issue.code };
  return merged as FieldErrors<T>;
}
