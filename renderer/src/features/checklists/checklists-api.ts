// Renderer. What the gammes pages share: the sentence for a refusal (main writes CHECKLIST_STEP_REFUSED and
// STEPS_INCOMPLETE in French naming the step, the meter or the missing steps: shown as is in French, the generic
// translation otherwise), and the form's number fields (empty → null).
import i18next from 'i18next';
import { IpcError } from '../../api/query';

const SPECIFIC = new Set(['CHECKLIST_STEP_REFUSED', 'STEPS_INCOMPLETE', 'CHECKLIST_CHANGED_MEANWHILE', 'WORK_ORDER_TRANSITION_REFUSED', 'WORK_ORDER_LOCKED']);

export function checklistErrorText(error: unknown): string {
  if (!(error instanceof IpcError)) return i18next.t('errors.INTERNAL_ERROR');
  if (SPECIFIC.has(error.code) && i18next.language === 'fr' && error.message) return error.message;
  return i18next.t(`errors.${error.code}` as 'errors.INTERNAL_ERROR');
}

/** A number typed in French or English (« 7,2 » or « 7.2 »); '' → null; anything else → NaN (the schema says so). */
export function parseDecimal(value: unknown): number | null {
  if (typeof value === 'number') return value;
  const text = String(value ?? '').trim().replace(/\s/g, '').replace(',', '.');
  if (text === '') return null;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}
