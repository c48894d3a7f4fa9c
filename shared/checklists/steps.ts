// Pure (main and renderer). The small rules of a gamme's steps both sides use: is a measurement out of its limits,
// and how a value and its limits are written in French (« 7,2 bar (max 6) »), on screen, on the sheet and in the
// title of a follow-up DI/OT.

/** Out of limits: strictly below the min or strictly above the max (a limit left empty doesn't count). */
export function isOutOfLimits(value: number | null, min: number | null, max: number | null): boolean {
  if (value === null) return false;
  return (min !== null && value < min) || (max !== null && value > max);
}

export function formatStepNumber(value: number, locale = 'fr-FR'): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 6, useGrouping: false }).format(value);
}

/** « min 2 – max 6 », « max 6 », « min 2 » or '' when the step has no limits. */
export function limitsText(min: number | null, max: number | null, locale = 'fr-FR'): string {
  const parts: string[] = [];
  if (min !== null) parts.push(`min ${formatStepNumber(min, locale)}`);
  if (max !== null) parts.push(`max ${formatStepNumber(max, locale)}`);
  return parts.join(' – ');
}

/** The limit a value broke: « max 6 » for a value above it, « min 2 » for one below. */
export function brokenLimitText(value: number, min: number | null, max: number | null, locale = 'fr-FR'): string {
  if (max !== null && value > max) return `max ${formatStepNumber(max, locale)}`;
  if (min !== null && value < min) return `min ${formatStepNumber(min, locale)}`;
  return '';
}

/** The title of a follow-up DI/OT raised from a step (French: it is stored, and read by everyone on the site). */
export function followUpTitle(
  step: { kind: string; label: string; unit: string | null; minValue: number | null; maxValue: number | null; numberValue: number | null; checkResult: string | null },
  workOrderNumber: string,
): string {
  if (step.kind === 'measurement' && step.numberValue !== null && isOutOfLimits(step.numberValue, step.minValue, step.maxValue)) {
    const unit = step.unit ? ` ${step.unit}` : '';
    return `Mesure hors limites : ${step.label} ${formatStepNumber(step.numberValue)}${unit} (${brokenLimitText(step.numberValue, step.minValue, step.maxValue)}) sur ${workOrderNumber}`;
  }
  return `Contrôle NOK : ${step.label} sur ${workOrderNumber}`;
}
