// Pure. Field rules shared by the renderer's forms and by main, which re-checks every one of them.
// Each message is an i18n key under `validation.` so the UI can say it in the user's language.
import { z } from 'zod';

/** Passwords are compared after NFKC, so "ﬁ" and "fi" (or a full-width digit and an ASCII one) are the same password. */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** Whether the confirmation is the same password, compared as the hasher compares them (NFKC). */
export function passwordsMatch(password: string, confirmation: string): boolean {
  return normalizePassword(password) === normalizePassword(confirmation);
}

export const PASSWORD_MIN_LENGTH = 8;
/** Far above any real passphrase; bounds the work a single request can cause. bcrypt's 72-byte limit is handled by pre-hashing (see docs/security.md). */
export const PASSWORD_MAX_LENGTH = 256;

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'validation.usernameTooShort')
  .max(64, 'validation.usernameTooLong')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'validation.usernameInvalid');

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'validation.required')
  .max(100, 'validation.displayNameTooLong');

/** Optional: an empty field means "no email". */
export const optionalEmailSchema = z
  .string()
  .trim()
  .max(254, 'validation.emailInvalid')
  .transform((value) => (value === '' ? null : value.toLowerCase()))
  .pipe(z.union([z.null(), z.email('validation.emailInvalid')]));

export const newPasswordSchema = z
  .string()
  .max(PASSWORD_MAX_LENGTH, 'validation.passwordTooLong')
  .refine((value) => normalizePassword(value).length >= PASSWORD_MIN_LENGTH, 'validation.passwordTooShort');

export const localeSchema = z.enum(['fr', 'en']);

export const firstAdminInputSchema = z
  .object({
    username: usernameSchema,
    displayName: displayNameSchema,
    email: optionalEmailSchema,
    password: newPasswordSchema,
    passwordConfirmation: z.string().max(PASSWORD_MAX_LENGTH, 'validation.passwordTooLong'),
    /** The language the screen was in: it becomes the administrator's own. */
    locale: localeSchema.default('fr'),
  })
  .refine((form) => passwordsMatch(form.password, form.passwordConfirmation), {
    path: ['passwordConfirmation'],
    message: 'validation.passwordsDiffer',
  });

export const loginInputSchema = z.object({
  // Username or email: main decides which by the presence of "@".
  identifier: z.string().trim().min(1, 'validation.required').max(254, 'validation.required'),
  password: z.string().min(1, 'validation.required').max(PASSWORD_MAX_LENGTH, 'validation.passwordTooLong'),
});

/** Turns zod issues into the contract's field list (first issue per field). */
export function toFieldIssues(error: z.ZodError): { path: string; code: string }[] {
  const seen = new Set<string>();
  const fields: { path: string; code: string }[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    if (seen.has(path)) continue;
    seen.add(path);
    fields.push({ path, code: issue.message.startsWith('validation.') ? issue.message : 'validation.invalid' });
  }
  return fields;
}
