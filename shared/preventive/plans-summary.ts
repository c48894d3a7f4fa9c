// Pure (main and renderer). The plain-French line that says what a plan's triggers mean, shown under the trigger
// editor and in the plans list: « Tous les 3 mois à partir du 31/01/2027, ou toutes les 500 h, au premier atteint ».
// A methods technician checks the plan by reading it back, so it must say exactly what the generator will do.
import type { CalendarUnit, Trigger, Triggers } from './triggers';

/** Units per meter name, when known (the editor reads them from the equipment's meters). */
export type MeterUnits = Readonly<Record<string, string>>;

const number = (value: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 3 }).format(value).replace(/\u202f/g, ' ');

/** 'YYYY-MM-DD' → 'DD/MM/YYYY'. */
export function frenchDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

const CALENDAR: Record<CalendarUnit, { one: string; many: string; feminine: boolean }> = {
  day: { one: 'jour', many: 'jours', feminine: false },
  week: { one: 'semaine', many: 'semaines', feminine: true },
  month: { one: 'mois', many: 'mois', feminine: false },
  year: { one: 'an', many: 'ans', feminine: false },
};

/** « h », « heures » are feminine (« toutes les 500 h »); km, cycles, pièces… read « tous les ». */
function isFeminineUnit(unit: string): boolean {
  return /^(h|heures?|pièces?|minutes?|min|frappes?|manœuvres?)$/i.test(unit.trim());
}

function quantity(amount: number, meter: string, units: MeterUnits): { text: string; feminine: boolean } {
  const unit = units[meter];
  if (unit) return { text: `${number(amount)} ${unit}`, feminine: isFeminineUnit(unit) };
  return { text: `${number(amount)} (${meter})`, feminine: false };
}

function options(trigger: { skipWeekends: boolean; skipHolidays: boolean }): string {
  if (trigger.skipWeekends && trigger.skipHolidays) return ', hors week-ends et jours fériés';
  if (trigger.skipWeekends) return ', hors week-ends';
  if (trigger.skipHolidays) return ', hors jours fériés';
  return '';
}

/** One trigger, starting with a lower-case letter (the caller capitalises the line). */
export function triggerSummary(trigger: Trigger, units: MeterUnits = {}): string {
  switch (trigger.kind) {
    case 'calendar_fixed':
    case 'calendar_floating': {
      const word = CALENDAR[trigger.unit];
      const every = trigger.every === 1 ? `${word.feminine ? 'toutes les' : 'tous les'} ${word.one === 'an' ? 'ans' : word.many}` : `${word.feminine ? 'toutes les' : 'tous les'} ${trigger.every} ${word.many}`;
      if (trigger.kind === 'calendar_fixed') return `${every} à partir du ${frenchDate(trigger.anchor)}${options(trigger)}`;
      const span = `${trigger.every} ${trigger.every === 1 ? word.one : word.many}`;
      return `${span} après la dernière réalisation${options(trigger)}`;
    }
    case 'meter_fixed': {
      // With its unit known, « toutes les 500 h » says it; without, the meter's name stands in for the unit.
      const q = quantity(trigger.every, trigger.meter, units);
      const from = trigger.anchor > 0 ? `, à partir de ${quantity(trigger.anchor, trigger.meter, units).text}` : '';
      return `${q.feminine ? 'toutes les' : 'tous les'} ${q.text}${from}`;
    }
    case 'meter_floating': {
      const q = quantity(trigger.every, trigger.meter, units);
      return `${q.text} après la dernière réalisation`;
    }
    case 'condition': {
      const unit = units[trigger.meter] ? ` ${units[trigger.meter]}` : '';
      const parts: string[] = [];
      if (trigger.above !== null) parts.push(`dépasse ${number(trigger.above)}${unit}`);
      if (trigger.below !== null) parts.push(`descend sous ${number(trigger.below)}${unit}`);
      return `quand « ${trigger.meter} » ${parts.join(' ou ')}`;
    }
  }
}

/** The whole line: one trigger, or two « au premier atteint ». */
export function triggersSummary(triggers: Triggers, units: MeterUnits = {}): string {
  const parts = triggers.map((trigger) => triggerSummary(trigger, units));
  const line = parts.length > 1 ? `${parts.join(', ou ')}, au premier atteint` : (parts[0] ?? '');
  return line.charAt(0).toUpperCase() + line.slice(1);
}
