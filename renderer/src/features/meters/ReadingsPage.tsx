// Renderer. « Relevés de compteurs » (/releves): a technician walking the shop scans or types an equipment's code
// (`?equipement=PR-003` pre-fills it), sees its meters and enters several readings in one go — one field per meter,
// Enter moves to the next one, each reading saved on its own so a refused value loses none of the others, and what
// was saved is confirmed line by line.
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EquipmentSummary } from '../../../../shared/equipment/contract';
import type { MeterView } from '../../../../shared/meters/contract';
import { call } from '../../api/client';
import { useChannelMutation, useChannelQuery, type IpcError } from '../../api/query';
import { Alert } from '../../components/Alert';
import { parseReadingValue } from './format';
import { LastReading, useMeterFormat, useReadingErrorText } from './meters-ui';
import './meters.css';

type LineMessage = { tone: 'error' | 'success'; text: string };

export function ReadingsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { equipement?: unknown };
  const code = typeof search.equipement === 'string' ? search.equipement : '';
  // What is typed in the code field, until the page moves to another equipment (then it shows that one's code).
  const [edited, setEdited] = useState<{ code: string; text: string } | null>(null);
  const typed = edited && edited.code === code ? edited.text : code;
  const setTyped = (text: string) => setEdited({ code, text });
  const [lookup, setLookup] = useState<{ text: string; matches: EquipmentSummary[] } | null>(null);
  const [looking, setLooking] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);

  const find = async (event: FormEvent) => {
    event.preventDefault();
    const text = typed.trim();
    if (!text || looking) return;
    setLooking(true);
    setLookup(null);
    try {
      const found = await call('equipment:lookup', { text });
      if (found.ok && found.data.exact) await navigate({ to: '/releves', search: { equipement: found.data.exact.code } });
      else setLookup({ text, matches: found.ok ? found.data.matches : [] });
    } finally {
      setLooking(false);
    }
  };

  return (
    <>
      <section className="card card--full" aria-labelledby="readings-title">
        <h1 id="readings-title">{t('meters.page.title')}</h1>
        <p className="lead">{t('meters.page.intro')}</p>
        <form className="readings-lookup" role="search" onSubmit={(event) => void find(event)}>
          <div className="field">
            <label htmlFor="readings-code" className="field__label">
              {t('meters.page.code')}
            </label>
            <input
              id="readings-code"
              ref={codeRef}
              className="field__input"
              autoComplete="off"
              spellCheck={false}
              autoFocus={!code}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
            />
          </div>
          <button type="submit" className="button button--primary" disabled={looking}>
            {t('meters.page.show')}
          </button>
        </form>
        {lookup ? (
          <div className="readings-notfound">
            <Alert tone="error">{t('meters.page.notFound', { code: lookup.text })}</Alert>
            {lookup.matches.length > 0 ? (
              <>
                <p>{t('meters.page.maybe')}</p>
                <ul className="readings-matches">
                  {lookup.matches.map((match) => (
                    <li key={match.code}>
                      <Link to="/releves" search={{ equipement: match.code }}>
                        {match.code} — {match.designation}
                      </Link>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        ) : null}
      </section>
      {code && !lookup ? <EquipmentReadings key={code} code={code} onAnother={() => codeRef.current?.select()} /> : null}
    </>
  );
}

function EquipmentReadings({ code, onAnother }: { code: string; onAnother: () => void }) {
  const { t } = useTranslation();
  const format = useMeterFormat();
  const errorText = useReadingErrorText();
  const meters = useChannelQuery(['meters', 'equipment', code], 'meters:forEquipment', { code });
  const record = useChannelMutation('meters:record', { invalidates: ['meters', 'equipment'] });
  const [values, setValues] = useState<Record<number, string>>({});
  const [resets, setResets] = useState<Record<number, boolean>>({});
  const [messages, setMessages] = useState<Record<number, LineMessage>>({});
  const [summary, setSummary] = useState<LineMessage | null>(null);
  const [saving, setSaving] = useState(false);
  const inputs = useRef(new Map<number, HTMLInputElement>());
  const firstMeterId = meters.data?.meters.find((meter) => meter.isActive)?.id;

  // Once the equipment's meters are shown, the first field takes the next keys (the scanner's Enter left the code field).
  useEffect(() => {
    if (firstMeterId !== undefined) inputs.current.get(firstMeterId)?.focus();
  }, [firstMeterId]);

  if (meters.isPending) return <p role="status">{t('meters.loading')}</p>;
  if (meters.isError) {
    const missing = meters.error.code === 'EQUIPMENT_NOT_FOUND';
    return <Alert tone="error">{missing ? t('meters.page.notFound', { code }) : t('meters.loadFailed')}</Alert>;
  }
  const { equipment } = meters.data;
  const active = meters.data.meters.filter((meter) => meter.isActive);

  const saveAll = async () => {
    if (saving) return;
    const typedLines = active.filter((meter) => (values[meter.id] ?? '').trim() !== '');
    if (typedLines.length === 0) {
      setSummary({ tone: 'error', text: t('meters.page.nothingTyped') });
      return;
    }
    setSaving(true);
    setSummary(null);
    const next: Record<number, LineMessage> = {};
    let saved = 0;
    let refused = 0;
    // One after the other, each on its own: a refused line keeps its value and its message, the others are saved.
    for (const meter of typedLines) {
      const value = parseReadingValue(values[meter.id] ?? '');
      if (value === null) {
        next[meter.id] = { tone: 'error', text: t('meters.numberInvalid') };
        refused += 1;
        continue;
      }
      try {
        const result = await record.mutateAsync({ meterId: meter.id, value, isReset: resets[meter.id] ?? false, note: null });
        next[meter.id] = { tone: 'success', text: t('meters.saved', { value: format(result.reading.value), unit: meter.unit }) };
        setValues((current) => ({ ...current, [meter.id]: '' }));
        setResets((current) => ({ ...current, [meter.id]: false }));
        saved += 1;
      } catch (error) {
        next[meter.id] = { tone: 'error', text: errorText(error as IpcError, meter.unit) };
        refused += 1;
      }
    }
    setMessages(next);
    setSaving(false);
    setSummary(refused > 0 ? { tone: 'error', text: t('meters.page.refused', { count: refused }) } : { tone: 'success', text: t('meters.page.summary', { count: saved }) });
    // The first refused line gets the focus back, to correct it.
    const firstRefused = typedLines.find((meter) => next[meter.id]?.tone === 'error');
    if (firstRefused) inputs.current.get(firstRefused.id)?.focus();
  };

  /** Enter moves to the next meter's field; on the last one it saves the lot. */
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>, index: number) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const next = active[index + 1];
    if (next) inputs.current.get(next.id)?.focus();
    else void saveAll();
  };

  return (
    <section className="card card--full" aria-labelledby="readings-form-title">
      <h2 id="readings-form-title">{t('meters.page.formTitle', { code: equipment.code, designation: equipment.designation })}</h2>
      {active.length === 0 ? (
        <p>{t('meters.page.noMeters')}</p>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void saveAll();
          }}
        >
          <ul className="readings-lines">
            {active.map((meter, index) => (
              <ReadingLine
                key={meter.id}
                meter={meter}
                value={values[meter.id] ?? ''}
                reset={resets[meter.id] ?? false}
                message={messages[meter.id] ?? null}
                bindInput={(element) => {
                  if (element) inputs.current.set(meter.id, element);
                  else inputs.current.delete(meter.id);
                }}
                onValue={(value) => setValues((current) => ({ ...current, [meter.id]: value }))}
                onReset={(reset) => setResets((current) => ({ ...current, [meter.id]: reset }))}
                onKeyDown={(event) => onKeyDown(event, index)}
              />
            ))}
          </ul>
          {summary ? <Alert tone={summary.tone}>{summary.text}</Alert> : null}
          <div className="readings-actions">
            <button type="submit" className="button button--primary" disabled={saving}>
              {saving ? t('meters.saving') : t('meters.page.saveAll')}
            </button>
            <button type="button" className="button button--ghost" onClick={onAnother}>
              {t('meters.page.another')}
            </button>
          </div>
        </form>
      )}
      <p className="readings-open">
        <Link to="/equipements/$code" params={{ code: equipment.code }} className="button button--ghost">
          {t('meters.page.openEquipment')}
        </Link>
      </p>
    </section>
  );
}

function ReadingLine({
  meter,
  value,
  reset,
  message,
  bindInput,
  onValue,
  onReset,
  onKeyDown,
}: {
  meter: MeterView;
  value: string;
  reset: boolean;
  message: LineMessage | null;
  bindInput: (element: HTMLInputElement | null) => void;
  onValue: (value: string) => void;
  onReset: (reset: boolean) => void;
  onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
}) {
  const { t } = useTranslation();
  const label = t('meters.nameWithUnit', { name: meter.name, unit: meter.unit });
  const id = `reading-${meter.id}`;
  return (
    <li className="readings-line" aria-label={label}>
      <div>
        <label htmlFor={id} className="readings-line__label">
          {label}
        </label>
        <p className="muted" id={`${id}-last`}>
          <LastReading meter={meter} />
        </p>
      </div>
      <div className="field">
        <input
          id={id}
          ref={bindInput}
          className="field__input"
          inputMode="decimal"
          autoComplete="off"
          value={value}
          aria-invalid={message?.tone === 'error' ? true : undefined}
          aria-describedby={`${id}-last${message ? ` ${id}-message` : ''}`}
          onChange={(event) => onValue(event.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      <label className="checkbox" title={t('meters.resetHint')}>
        <input type="checkbox" checked={reset} onChange={(event) => onReset(event.target.checked)} />
        {t('meters.reset')}
      </label>
      {message ? (
        <p id={`${id}-message`} className={`readings-line__message readings-line__message--${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
    </li>
  );
}
