// Renderer. Turns main's answers on the forgot-password screens into what the person reads. Field issues may
// share a path (every reason a password is refused): all of them are shown. Keys and values, not sentences,
// so a language switch re-translates what is on screen.
import type { IpcError } from '../../../../../shared/contract';
import { formatWait } from '../../../i18n/format';

export interface Message {
  key: string;
  values?: Record<string, string | number>;
}

export type FieldMessages = Record<string, Message[]>;

export function fieldMessages(error: IpcError): FieldMessages {
  const grouped: FieldMessages = {};
  for (const field of error.fields ?? []) (grouped[field.path] ??= []).push({ key: field.code, values: field.params });
  return grouped;
}

/** The one line above the form, for an error that is not about a single field. */
export function formMessage(error: IpcError, kind: 'approval' | 'recovery'): Message {
  const status = typeof error.details?.status === 'string' ? error.details.status : null;
  const errors = kind === 'approval' ? 'approvalForgot.complete.errors' : 'approvalForgot.recovery.errors';
  switch (error.code) {
    case 'THROTTLED':
      return { key: 'approvalForgot.throttled', values: { wait: formatWait(Number(error.details?.retryAfterSeconds ?? 60)) } };
    case 'CODE_INVALID':
      return { key: kind === 'approval' ? 'approvalForgot.noMatch' : 'approvalForgot.recovery.noMatch' };
    case 'CODE_EXPIRED':
      return { key: `${errors}.expired` };
    case 'CODE_USED':
      return { key: `${errors}.used` };
    case 'INVALID_STATE':
      if (status && ['pending', 'rejected', 'cancelled', 'accountInactive'].includes(status)) {
        return { key: kind === 'recovery' && status === 'cancelled' ? `${errors}.cancelled` : `${errors}.${status}` };
      }
      return { key: 'errors.INVALID_STATE' };
    default:
      return { key: `errors.${error.code}` };
  }
}
