// Renderer. Turns the contract's field issues (from main or from the same zod schema run locally) into messages.
// Main may answer several issues for one field (a password refused for two reasons): the form shows them all.
import type { FieldIssue } from '../../../shared/contract';
import { STRENGTH_LEVELS, type StrengthLevel } from '../../../shared/password/strength-levels';

export type FieldErrors = Record<string, string>;

/** The first issue's code per field: for forms that show one message per field. */
export function toFieldErrors(fields: readonly FieldIssue[] | undefined): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of fields ?? []) errors[field.path] ??= field.code;
  return errors;
}

/** Every issue per field, in main's order, without repeating the same code. */
export type FieldIssueMap = Record<string, FieldIssue[]>;

export function groupFieldIssues(fields: readonly FieldIssue[] | undefined): FieldIssueMap {
  const grouped: FieldIssueMap = {};
  for (const field of fields ?? []) {
    const list = (grouped[field.path] ??= []);
    if (!list.some((known) => known.code === field.code)) list.push(field);
  }
  return grouped;
}

type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * The sentences for a field's issues. A `level` parameter is a strength level (`tooWeak`): it is shown with
 * the meter's own words (Faible / Moyen / Fort), not as its code.
 */
export function fieldMessages(issues: readonly FieldIssue[] | undefined, translate: Translate): string[] {
  return (issues ?? []).map((issue) => {
    const values: Record<string, unknown> = { ...issue.params };
    if (typeof values.level === 'string' && (STRENGTH_LEVELS as readonly string[]).includes(values.level)) {
      values.level = translate(`strength.levels.${values.level as StrengthLevel}`);
    }
    return translate(issue.code, values);
  });
}

/** Moves focus to the first invalid field of the form, in the order the fields appear. */
export function focusFirstInvalid(form: HTMLElement | null): void {
  form?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
}
