// Renderer. The compteurs of one equipment, on its page: each meter's last value, when and by whom, its usage per
// day over 30 days, a quick reading form (anyone signed in), its history in a dialog; managers add and edit meters.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeterView } from '../../../../shared/meters/contract';
import { useChannelMutation, useChannelQuery, type IpcError } from '../../api/query';
import { Alert } from '../../components/Alert';
import { parseReadingValue } from './format';
import { HistoryDialog, LastReading, useMeterFormat, useReadingErrorText } from './meters-ui';
import { MeterFormDialog } from './MeterFormDialog';
import './meters.css';

export function MetersPanel({ equipment, canManage }: { equipment: { id: number; code: string }; canManage: boolean }) {
  const { t } = useTranslation();
  const meters = useChannelQuery(['meters', 'equipment', equipment.code], 'meters:forEquipment', { code: equipment.code });
  const [editing, setEditing] = useState<MeterView | 'new' | null>(null);
  const [history, setHistory] = useState<MeterView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <section className="card card--full meters-panel" aria-labelledby="meters-panel-title">
      <div className="meters-panel__header">
        <h2 id="meters-panel-title">{t('meters.panelTitle')}</h2>
        {canManage ? (
          <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
            {t('meters.add')}
          </button>
        ) : null}
      </div>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {meters.isPending ? <p role="status">{t('meters.loading')}</p> : null}
      {meters.isError ? <Alert tone="error">{t('meters.loadFailed')}</Alert> : null}
      {meters.data && meters.data.meters.length === 0 ? <p className="muted">{canManage ? t('meters.noneManager') : t('meters.none')}</p> : null}
      {meters.data && meters.data.meters.length > 0 ? (
        <ul className="meter-list">
          {meters.data.meters.map((meter) => (
            <MeterItem key={meter.id} meter={meter} canManage={canManage} onEdit={() => setEditing(meter)} onHistory={() => setHistory(meter)} />
          ))}
        </ul>
      ) : null}
      {editing ? (
        <MeterFormDialog
          equipmentId={equipment.id}
          editing={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(meter) => {
            setNotice(editing === 'new' ? t('meters.form.created', { name: meter.name }) : t('meters.form.updated', { name: meter.name }));
            setEditing(null);
          }}
        />
      ) : null}
      {history ? <HistoryDialog meter={history} onClose={() => setHistory(null)} /> : null}
    </section>
  );
}

function MeterItem({ meter, canManage, onEdit, onHistory }: { meter: MeterView; canManage: boolean; onEdit: () => void; onHistory: () => void }) {
  const { t } = useTranslation();
  const format = useMeterFormat();
  const label = t('meters.nameWithUnit', { name: meter.name, unit: meter.unit });
  return (
    <li className={`meter-item${meter.isActive ? '' : ' meter-item--inactive'}`} aria-label={label}>
      <div className="meter-item__facts">
        <h3 className="meter-item__name">
          {label} {meter.isActive ? null : <span className="badge">{t('meters.inactive')}</span>}
        </h3>
        <p className="meter-item__last">
          <LastReading meter={meter} />
        </p>
        <p className="muted meter-item__usage">
          {meter.lastTotal !== null && meter.lastTotal !== meter.lastValue ? `${t('meters.total', { value: format(meter.lastTotal), unit: meter.unit })} · ` : ''}
          {meter.usagePerDay === null ? t('meters.usageUnknown') : t('meters.usage', { value: format(meter.usagePerDay), unit: meter.unit })}
        </p>
        <div className="meter-item__actions">
          <button type="button" className="button button--ghost" aria-label={t('meters.historyLabel', { name: meter.name })} onClick={onHistory}>
            {t('meters.history')}
          </button>
          {canManage ? (
            <button type="button" className="button button--ghost" aria-label={t('meters.editLabel', { name: meter.name })} onClick={onEdit}>
              {t('meters.edit')}
            </button>
          ) : null}
        </div>
      </div>
      {meter.isActive ? <QuickReading meter={meter} /> : null}
    </li>
  );
}

/** Value, optional note, « remise à zéro » — saved at once; a refusal keeps what was typed and says why. */
function QuickReading({ meter }: { meter: MeterView }) {
  const { t } = useTranslation();
  const format = useMeterFormat();
  const errorText = useReadingErrorText();
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [isReset, setIsReset] = useState(false);
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const record = useChannelMutation('meters:record', { invalidates: ['meters', 'equipment'] });
  const valueId = `meter-${meter.id}-value`;
  const messageId = `meter-${meter.id}-message`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseReadingValue(value);
    if (parsed === null) {
      setMessage({ tone: 'error', text: t('meters.numberInvalid') });
      return;
    }
    setMessage(null);
    try {
      const saved = await record.mutateAsync({ meterId: meter.id, value: parsed, isReset, note: note.trim() || null });
      setValue('');
      setNote('');
      setIsReset(false);
      setMessage({ tone: 'success', text: t('meters.saved', { value: format(saved.reading.value), unit: meter.unit }) });
    } catch (error) {
      setMessage({ tone: 'error', text: errorText(error as IpcError, meter.unit) });
    }
  };

  return (
    <form className="meter-quick" noValidate onSubmit={(event) => void submit(event)} aria-label={t('meters.newReading', { unit: meter.unit })}>
      <div className="field meter-quick__value">
        <label htmlFor={valueId} className="field__label">
          {t('meters.newReading', { unit: meter.unit })}
        </label>
        <input
          id={valueId}
          className="field__input"
          inputMode="decimal"
          autoComplete="off"
          value={value}
          aria-invalid={message?.tone === 'error' ? true : undefined}
          aria-describedby={message ? messageId : undefined}
          onChange={(event) => setValue(event.target.value)}
        />
      </div>
      <div className="field meter-quick__note">
        <label htmlFor={`meter-${meter.id}-note`} className="field__label">
          {t('meters.note')} <span className="field__optional">({t('common.optional')})</span>
        </label>
        <input id={`meter-${meter.id}-note`} className="field__input" autoComplete="off" maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} />
      </div>
      <label className="checkbox meter-quick__reset" title={t('meters.resetHint')}>
        <input type="checkbox" checked={isReset} onChange={(event) => setIsReset(event.target.checked)} />
        {t('meters.reset')}
      </label>
      <button type="submit" className="button button--primary" disabled={record.isPending}>
        {record.isPending ? t('meters.saving') : t('meters.save')}
      </button>
      {message ? (
        <p id={messageId} className={`meter-quick__message meter-quick__message--${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
