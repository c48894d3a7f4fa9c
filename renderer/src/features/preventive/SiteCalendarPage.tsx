// Renderer. « Calendrier du site » (managers): the site's time zone, and its public holidays year by year — the
// French ones of a year in one click (Easter-based days computed in shared/), plus the site's own closures. Main
// validates, audits and announces each change on the `preventive` topic, so another window's change shows here.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { type z } from 'zod';
import { COMMON_TIME_ZONES, holidayInput, type SiteCalendarView } from '../../../../shared/preventive/site-calendar-contract';
import { useChannelMutation, useChannelQuery, type IpcError } from '../../api/query';
import { Alert } from '../../components/Alert';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { formatDay, todayLocal } from './reports-format';
import './reports.css';

type Status = { tone: 'success' | 'error' | 'info'; text: string } | null;
type HolidayForm = z.input<typeof holidayInput>;

function useErrorText() {
  const { t } = useTranslation();
  return (error: IpcError | Error | null): string => {
    const ipc = error as IpcError | null;
    const field = ipc?.fields?.[0]?.code;
    if (field && field.startsWith('validation.')) return t(field as 'validation.invalid');
    return ipc?.code ? t(`errors.${ipc.code}` as 'errors.INTERNAL_ERROR') : t('errors.INTERNAL_ERROR');
  };
}

export function SiteCalendarPage() {
  const { t } = useTranslation();
  const calendar = useChannelQuery(['preventive', 'site-calendar'], 'preventive:siteCalendar', {});
  const [status, setStatus] = useState<Status>(null);
  const errorText = useErrorText();
  return (
    <div className="pm-reports">
      <h1>{t('preventiveReports.calendar.title')}</h1>
      <p className="lead">{t('preventiveReports.calendar.intro')}</p>
      {status ? <Alert tone={status.tone}>{status.text}</Alert> : null}
      {calendar.isPending ? (
        <p role="status">{t('preventiveReports.loading')}</p>
      ) : calendar.isError ? (
        <Alert tone="error">{errorText(calendar.error)}</Alert>
      ) : (
        <div className="pm-calendar">
          {/* Keyed on the saved zone: another window's change resets the choice shown. */}
          <ZoneCard key={calendar.data.timeZone} view={calendar.data} onDone={setStatus} />
          <HolidaysCard view={calendar.data} onDone={setStatus} />
        </div>
      )}
    </div>
  );
}

function ZoneCard({ view, onDone }: { view: SiteCalendarView; onDone: (status: Status) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [zone, setZone] = useState(view.timeZone);
  const save = useChannelMutation('preventive:siteCalendarSetZone', {
    invalidates: ['preventive'],
    onSuccess: (saved) => onDone({ tone: 'success', text: t('preventiveReports.calendar.zoneSaved', { zone: saved.timeZone }) }),
    onError: (error) => onDone({ tone: 'error', text: errorText(error) }),
  });
  const zones: readonly string[] = (COMMON_TIME_ZONES as readonly string[]).includes(view.timeZone) ? COMMON_TIME_ZONES : [view.timeZone, ...COMMON_TIME_ZONES];
  return (
    <section className="card pm-card" aria-labelledby="pm-zone-title">
      <h2 id="pm-zone-title">{t('preventiveReports.calendar.zoneTitle')}</h2>
      <form
        className="pm-inline-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({ timeZone: zone });
        }}
      >
        <SelectField label={t('preventiveReports.calendar.zone')} hint={t('preventiveReports.calendar.zoneHint')} value={zone} onChange={(event) => setZone(event.target.value)}>
          {zones.map((name) => (
            <option key={name} value={name}>
              {name.replace(/_/g, ' ')}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button button--primary" disabled={save.isPending || zone === view.timeZone}>
          {t('preventiveReports.calendar.saveZone')}
        </button>
      </form>
    </section>
  );
}

function HolidaysCard({ view, onDone }: { view: SiteCalendarView; onDone: (status: Status) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [year, setYear] = useState(() => Number(todayLocal().slice(0, 4)));
  const ofYear = useMemo(() => view.holidays.filter((holiday) => holiday.day.startsWith(`${year}-`)), [view.holidays, year]);
  const years = useMemo(() => {
    const counts = new Map<number, number>();
    for (const holiday of view.holidays) {
      const y = Number(holiday.day.slice(0, 4));
      counts.set(y, (counts.get(y) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => a[0] - b[0]);
  }, [view.holidays]);

  const fill = useChannelMutation('preventive:siteCalendarAddFrenchHolidays', {
    invalidates: ['preventive'],
    onSuccess: (result, input) =>
      onDone({
        tone: result.added > 0 ? 'success' : 'info',
        text: result.added > 0 ? t('preventiveReports.calendar.filled', { count: result.added, year: input?.year }) : t('preventiveReports.calendar.filledNone', { year: input?.year }),
      }),
    onError: (error) => onDone({ tone: 'error', text: errorText(error) }),
  });
  const remove = useChannelMutation('preventive:siteCalendarRemoveHoliday', {
    invalidates: ['preventive'],
    onSuccess: (_view, input) => onDone({ tone: 'success', text: t('preventiveReports.calendar.removed', { day: input ? formatDay(input.day) : '' }) }),
    onError: (error) => onDone({ tone: 'error', text: errorText(error) }),
  });

  return (
    <section className="card pm-card" aria-labelledby="pm-holidays-title">
      <h2 id="pm-holidays-title">{t('preventiveReports.calendar.holidaysTitle')}</h2>
      <div className="pm-year" role="group" aria-label={t('preventiveReports.calendar.year')}>
        <button type="button" className="button button--ghost" aria-label={t('preventiveReports.calendar.previousYear')} onClick={() => setYear(year - 1)}>
          ←
        </button>
        <span className="pm-year__value" aria-live="polite">
          {year}
        </span>
        <button type="button" className="button button--ghost" aria-label={t('preventiveReports.calendar.nextYear')} onClick={() => setYear(year + 1)}>
          →
        </button>
        <button type="button" className="button button--primary" disabled={fill.isPending} onClick={() => fill.mutate({ year })}>
          {t('preventiveReports.calendar.fillFrench', { year })}
        </button>
      </div>
      {years.length > 0 ? (
        <p className="pm-years">
          <span className="muted-inline">{t('preventiveReports.calendar.yearsWithHolidays')} : </span>
          {years.map(([y, count]) => (
            <button key={y} type="button" className={`pm-chip${y === year ? ' pm-chip--current' : ''}`} aria-pressed={y === year} onClick={() => setYear(y)}>
              {y} ({count})
            </button>
          ))}
        </p>
      ) : null}
      {ofYear.length === 0 ? (
        <p className="muted">{t('preventiveReports.calendar.empty', { year })}</p>
      ) : (
        <table className="table pm-table">
          <caption className="pm-caption">{t('preventiveReports.calendar.count', { count: ofYear.length, year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('preventiveReports.calendar.day')}</th>
              <th scope="col">{t('preventiveReports.calendar.label')}</th>
              <th scope="col">{t('preventiveReports.calendar.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {ofYear.map((holiday) => (
              <tr key={holiday.day}>
                <td>{formatDay(holiday.day)}</td>
                <td>{holiday.label}</td>
                <td>
                  <button
                    type="button"
                    className="button button--ghost"
                    disabled={remove.isPending}
                    aria-label={t('preventiveReports.calendar.removeLabel', { day: formatDay(holiday.day), label: holiday.label })}
                    onClick={() => remove.mutate({ day: holiday.day })}
                  >
                    {t('preventiveReports.calendar.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddHolidayForm year={year} onDone={onDone} />
    </section>
  );
}

function AddHolidayForm({ year, onDone }: { year: number; onDone: (status: Status) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const form = useForm<HolidayForm>({ resolver: zodResolver(holidayInput), defaultValues: { day: '', label: '' } });
  const add = useChannelMutation('preventive:siteCalendarAddHoliday', {
    invalidates: ['preventive'],
    onSuccess: (_view, input) => {
      form.reset({ day: '', label: '' });
      onDone({ tone: 'success', text: t('preventiveReports.calendar.added', { day: input ? formatDay(input.day) : '', label: input?.label }) });
    },
    // What was typed stays; the reason shows.
    onError: (error) => onDone({ tone: 'error', text: errorText(error) }),
  });
  const message = (key: 'day' | 'label') => {
    const text = form.formState.errors[key]?.message;
    return text ? t(text as 'validation.required') : undefined;
  };
  return (
    <form className="pm-add" noValidate onSubmit={form.handleSubmit((values) => add.mutate(values))}>
      <h3>{t('preventiveReports.calendar.addTitle')}</h3>
      <div className="pm-inline-form">
        <TextField type="date" label={t('preventiveReports.calendar.newDay')} min={`${year - 5}-01-01`} error={message('day')} {...form.register('day')} />
        <TextField label={t('preventiveReports.calendar.newLabel')} hint={t('preventiveReports.calendar.newLabelHint')} maxLength={80} autoComplete="off" error={message('label')} {...form.register('label')} />
        <button type="submit" className="button button--primary" disabled={add.isPending}>
          {t('preventiveReports.calendar.add')}
        </button>
      </div>
    </form>
  );
}
