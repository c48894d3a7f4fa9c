// Renderer. Turns the contract's field issues (from main or from the same zod schema run locally) into messages.
import type { FieldIssue } from '../../../shared/contract';

export type FieldErrors = Record<string, string>;

export function toFieldErrors(fields: readonly FieldIssue[] | undefined): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of fields ?? []) errors[field.path] ??= field.code;
  return errors;
}

/** Moves focus to the first invalid field of the form, in the order the fields appear. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  form?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
}
