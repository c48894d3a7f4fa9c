// Renderer. « Taux horaires » (`/admin/taux-horaires`, Responsables and Administrateurs): an hourly rate per role,
// and per person for those paid differently. Each row saves on its own (audited by main); a person without a rate
// of their own is costed at their role's. Technicians never reach this page nor the channel (main refuses them).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LabourRatesView, SetRateInput } from '../../../../shared/costs/contract';
import { formatCents } from '../../../../shared/stock/quantity';
import { useChannelMutation, useChannelQuery } from '../../api/query';
import { Alert } from '../../components/Alert';
import { centsToInput, parseEuros } from './money';
import '../indicators/indicators.css';

function RateForm({ label, current, subject, fallback }: { label: string; current: number | null; subject: { subjectKind: 'user'; userId: number } | { subjectKind: 'role'; role: 'admin' | 'maintenance_manager' | 'technician' }; fallback?: string }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(centsToInput(current));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useChannelMutation('costs:setRate', { invalidates: ['costs'] });
  const inputId = `rate-${subject.subjectKind}-${subject.subjectKind === 'user' ? subject.userId : subject.role}`;

  const submit = (rateCents: number | null) => {
    setSaved(false);
    save.mutate({ ...subject, rateCents } as SetRateInput, {
      onSuccess: () => setSaved(true),
      onError: (e) => setError(t(`errors.${e.code}`)),
    });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const cents = value.trim() === '' ? null : parseEuros(value);
    if (value.trim() !== '' && cents === null) {
      setError(t('costs.rates.invalid'));
      return;
    }
    setError(null);
    submit(cents);
  };
  return (
    <form className="rate-form" onSubmit={onSubmit} noValidate>
      <label htmlFor={inputId} className="visually-hidden">
        {label}
      </label>
      <input
        id={inputId}
        className="field__input rate-form__input"
        inputMode="decimal"
        value={value}
        placeholder={fallback}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-error` : undefined}
        onChange={(event) => setValue(event.target.value)}
      />
      <span aria-hidden="true">€/h</span>
      <button type="submit" className="button button--primary" disabled={save.isPending}>
        {t('costs.rates.save')}
      </button>
      {current !== null ? (
        <button type="button" className="button button--ghost" onClick={() => (setValue(''), submit(null))} disabled={save.isPending}>
          {t('costs.rates.clear')}
        </button>
      ) : null}
      {error ? (
        <p id={`${inputId}-error`} className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      {saved ? (
        <span className="muted-inline" role="status">
          {t('costs.rates.saved')}
        </span>
      ) : null}
    </form>
  );
}

function Rates({ data }: { data: LabourRatesView }) {
  const { t } = useTranslation();
  const roleRate = new Map(data.roles.map((r) => [r.role as string, r.rateCents]));
  const show = (cents: number | null) => (cents === null ? t('costs.rates.none') : t('costs.rates.perHour', { amount: formatCents(cents) }));
  return (
    <>
      <h2>{t('costs.rates.byRole')}</h2>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('costs.rates.role')}</th>
              <th scope="col">{t('costs.rates.current')}</th>
              <th scope="col">{t('costs.rates.newRateHeader')}</th>
            </tr>
          </thead>
          <tbody>
            {data.roles.map((r) => (
              <tr key={r.role}>
                <th scope="row">{t(`roles.${r.role}`)}</th>
                <td>{show(r.rateCents)}</td>
                <td>
                  <RateForm key={`${r.role}-${r.rateCents}`} label={t('costs.rates.newRate', { name: t(`roles.${r.role}`) })} current={r.rateCents} subject={{ subjectKind: 'role', role: r.role }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('costs.rates.byPerson')}</h2>
      <div className="table-scroll">
        <table className="table table--users">
          <thead>
            <tr>
              <th scope="col">{t('costs.rates.person')}</th>
              <th scope="col">{t('costs.rates.current')}</th>
              <th scope="col">{t('costs.rates.newRateHeader')}</th>
            </tr>
          </thead>
          <tbody>
            {data.users.map((u) => {
              const fallback = roleRate.get(u.role) ?? null;
              return (
                <tr key={u.id} className={u.isActive ? undefined : 'table__row--inactive'}>
                  <th scope="row">
                    {u.displayName}
                    <span className="table__sub">
                      {t(`roles.${u.role}`)}
                      {u.isActive ? '' : ` · ${t('costs.rates.inactive')}`}
                    </span>
                  </th>
                  <td>{u.rateCents !== null ? show(u.rateCents) : fallback === null ? t('costs.rates.none') : t('costs.rates.fromRole', { amount: show(fallback) })}</td>
                  <td>
                    <RateForm
                      key={`${u.id}-${u.rateCents}`}
                      label={t('costs.rates.newRate', { name: u.displayName })}
                      current={u.rateCents}
                      subject={{ subjectKind: 'user', userId: u.id }}
                      fallback={fallback === null ? undefined : centsToInput(fallback)}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function LabourRatesPage() {
  const { t } = useTranslation();
  const rates = useChannelQuery(['costs', 'rates'], 'costs:rates', undefined);
  return (
    <section className="card card--full" aria-labelledby="labourRates-title">
      <h1 id="labourRates-title">{t('costs.rates.title')}</h1>
      <p>{t('costs.rates.intro')}</p>
      {rates.isPending ? <p role="status">{t('costs.rates.loading')}</p> : null}
      {rates.isError ? <Alert tone="error">{t('costs.rates.failed')}</Alert> : null}
      {rates.data ? <Rates data={rates.data} /> : null}
    </section>
  );
}
