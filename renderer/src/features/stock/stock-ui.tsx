// Renderer. Pieces the magasin's pages share: who is a manager, the sentence of a refusal (main's French
// sentence for stock refusals — it names the bin and what is there — else the code's translation), the decimal
// quantity of a form field in thousandths, and the part picker (search by reference or designation).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartOption } from '../../../../shared/contract';
import { toMilli } from '../../../../shared/stock/quantity';
import { ipcErrorText, useChannelQuery } from '../../api/query';
import { useSessionStore } from '../session/session-store';

export function useIsManager(): boolean {
  const role = useSessionStore((state) => state.user?.role);
  return role === 'admin' || role === 'maintenance_manager';
}

export function useIsAdmin(): boolean {
  return useSessionStore((state) => state.user?.role) === 'admin';
}

const SPECIFIC = new Set(['STOCK_INSUFFICIENT', 'STOCK_REFUSED', 'STOCK_ALREADY_REVERSED', 'STOCK_CODE_TAKEN', 'FORBIDDEN']);

export function stockErrorText(error: unknown): string {
  // FORBIDDEN's message is main's English log line unless the stock service wrote a French sentence for it.
  return ipcErrorText(error, SPECIFIC, (message) => /[àéèêç«»:]/.test(message));
}

/** « 2,5 » or « 2.5 » → 2500; NaN when it is not a number (the schema then says so). */
export function parseMilli(text: string): number {
  const cleaned = text.replace(/\s/g, '').replace(',', '.');
  if (cleaned === '' || !/^-?\d*(\.\d*)?$/.test(cleaned)) return Number.NaN;
  return toMilli(Number(cleaned));
}

/** « 12,50 » € → 1250 cents. */
export function parseCents(text: string): number {
  const cleaned = text.replace(/\s/g, '').replace(',', '.');
  if (cleaned === '' || !/^\d*(\.\d*)?$/.test(cleaned)) return Number.NaN;
  return Math.round(Number(cleaned) * 100);
}

export function PartPicker({ value, onChange, id }: { value: PartOption | null; onChange: (part: PartOption | null) => void; id: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const query = useChannelQuery(['stock', 'parts', search], 'stock:searchParts', { search }, { enabled: value === null && search.trim().length >= 1 });
  if (value) {
    return (
      <div className="stock-picked">
        <span>{t('stock.part.chosen', { code: value.code, designation: value.designation })}</span>
        <button type="button" className="button button--ghost" onClick={() => onChange(null)}>
          {t('stock.part.change')}
        </button>
      </div>
    );
  }
  return (
    <div className="field stock-picker">
      <label className="field__label" htmlFor={id}>
        {t('stock.part.search')}
      </label>
      <input id={id} className="field__input" value={search} autoComplete="off" onChange={(event) => setSearch(event.target.value)} />
      {query.data ? (
        query.data.length === 0 ? (
          <p className="field__hint">{t('stock.part.none')}</p>
        ) : (
          <ul className="stock-picker__list">
            {query.data.slice(0, 8).map((part) => (
              <li key={part.id}>
                <button type="button" className="button button--ghost stock-picker__option" onClick={() => onChange(part)}>
                  <strong>{part.code}</strong> — {part.designation}
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
