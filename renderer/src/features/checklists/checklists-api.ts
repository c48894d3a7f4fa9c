// Renderer. What the gammes pages share: the sentence for a refusal (main writes CHECKLIST_STEP_REFUSED and
// STEPS_INCOMPLETE in French naming the step, the meter or the missing steps: shown as is in French, the generic
// translation otherwise), and the form's number fields (empty → null).
import { ipcErrorText } from '../../api/query';

const SPECIFIC = new Set(['CHECKLIST_STEP_REFUSED', 'STEPS_INCOMPLETE', 'CHECKLIST_CHANGED_MEANWHILE', 'WORK_ORDER_TRANSITION_REFUSED', 'WORK_ORDER_LOCKED']);

export function checklistErrorText(error: unknown): string {
  return ipcErrorText(error, SPECIFIC);
}

/** A number typed in French or English (« 7,2 » or « 7.2 »); '' → null; anything else → NaN (the schema says so). */
export function parseDecimal(value: unknown): number | null {
  if (typeof value === 'number') return value;
  const text = String(value ?? '').trim().replace(/\s/g, '').replace(',', '.');
  if (text === '') return null;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}
