// Renderer. "Étiquettes QR" (responsables, administrators): choose equipment by the list's filters (text, location
// and its subtree, status, criticality), see how many match and tick the ones wanted, then "Imprimer les étiquettes":
// main makes the A4 PDF (24 labels a sheet) and the renderer hands it over as a download to open and print.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  CRITICALITIES,
  EQUIPMENT_STATUSES,
  equipmentIoFilter,
  LABELS_MAX,
  type LabelCandidate,
} from '../../../../shared/equipment/equipment-io-contract';
import { Alert } from '../../components/Alert';
import { TextField } from '../../components/TextField';
import { callOrThrow, ChannelError } from '../reference/call-or-throw';
import { downloadBase64File } from './equipment-io-files';
import './equipment-io.css';

type FilterForm = z.input<typeof equipmentIoFilter>;
type Filter = z.output<typeof equipmentIoFilter>;
type Status = { tone: 'success' | 'error' | 'info'; text: string } | null;

const LABELS_PER_SHEET = 24;

export function EquipmentLabelsPage() {
  return <EquipmentLabels />;
}

function EquipmentLabels() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status>(null);
  const [result, setResult] = useState<{ filter: Filter; total: number; items: LabelCandidate[] } | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const form = useForm<FilterForm, unknown, Filter>({ resolver: zodResolver(equipmentIoFilter), defaultValues: { text: '', locationCode: '', status: [], criticality: [] } });

  const errorText = (error: unknown): string => {
    if (error instanceof ChannelError) {
      const field = error.error.fields?.[0]?.code;
      if (field?.startsWith('equipmentIo.')) return t(field as 'equipmentIo.noLabels');
      return t(`errors.${error.error.code}`);
    }
    return t('errors.INTERNAL_ERROR');
  };

  const preview = useMutation({
    mutationFn: (filter: Filter) => callOrThrow('equipment:labelsPreview', filter).then((data) => ({ ...data, filter })),
    onSuccess: (data) => {
      setResult(data);
      setSelected(new Set(data.items.map((item) => item.code)));
    },
    onError: (error) => {
      setResult(null);
      if (error instanceof ChannelError && error.error.fields?.[0]?.path === 'locationCode') form.setError('locationCode', { message: t('equipmentIo.unknownLocation') });
      else setStatus({ tone: 'error', text: errorText(error) });
    },
  });

  const print = useMutation({
    mutationFn: () => {
      if (!result) throw new Error('nothing to print');
      // Everything the filter matches is ticked: send the filter (main re-reads it); otherwise the codes ticked.
      const all = result.total <= LABELS_MAX && selected.size === result.total;
      return callOrThrow('equipment:labels', all ? { filter: result.filter } : { codes: [...selected] });
    },
    onSuccess: (file) => {
      downloadBase64File(file);
      setStatus({ tone: 'success', text: t('equipmentIo.printed', { fileName: file.fileName }) });
    },
    onError: (error) => setStatus({ tone: 'error', text: errorText(error) }),
  });

  const submit = form.handleSubmit((filter) => {
    setStatus(null);
    preview.mutate(filter);
  });

  const toggle = (code: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });

  return (
    <>
      <h1>{t('equipmentIo.labelsTitle')}</h1>
      <p className="lead">{t('equipmentIo.labelsIntro')}</p>
      {status ? <Alert tone={status.tone}>{status.text}</Alert> : null}

      <section className="card card--full io-card" aria-labelledby="labels-filter">
        <h2 id="labels-filter">{t('equipmentIo.filterTitle')}</h2>
        <form className="io-filter" noValidate onSubmit={(event) => void submit(event)}>
          <div className="io-filter__fields">
            <TextField label={t('equipmentIo.text')} hint={t('equipmentIo.textHint')} autoComplete="off" {...form.register('text')} />
            <TextField
              label={t('equipmentIo.location')}
              hint={t('equipmentIo.locationHint')}
              autoComplete="off"
              error={form.formState.errors.locationCode?.message}
              {...form.register('locationCode')}
            />
          </div>
          <div className="io-filter__fields">
            <fieldset className="io-checks">
              <legend className="field__label">{t('equipmentIo.status')}</legend>
              {EQUIPMENT_STATUSES.map((value) => (
                <label key={value} className="io-check">
                  <input type="checkbox" value={value} {...form.register('status')} />
                  <span>{t(`equipmentIo.statuses.${value}`)}</span>
                </label>
              ))}
            </fieldset>
            <fieldset className="io-checks">
              <legend className="field__label">{t('equipmentIo.criticality')}</legend>
              {CRITICALITIES.map((value) => (
                <label key={value} className="io-check">
                  <input type="checkbox" value={value} aria-label={t('equipmentIo.criticalityValue', { value })} {...form.register('criticality')} />
                  <span aria-hidden="true">{value}</span>
                </label>
              ))}
            </fieldset>
          </div>
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={preview.isPending}>
              {preview.isPending ? t('equipmentIo.searching') : t('equipmentIo.search')}
            </button>
          </div>
        </form>
      </section>

      {result ? (
        <section className="card card--full io-card" aria-labelledby="labels-result">
          <h2 id="labels-result" data-testid="labels-count">
            {t(result.total > LABELS_MAX ? 'equipmentIo.matchesCapped' : 'equipmentIo.matches', { total: result.total })}
          </h2>
          {result.items.length === 0 ? (
            <p className="muted">{t('equipmentIo.none')}</p>
          ) : (
            <>
              <div className="io-print-row">
                <p className="io-summary" role="status">
                  {t('equipmentIo.selected', { count: selected.size, sheets: Math.ceil(selected.size / LABELS_PER_SHEET) })}
                </p>
                <button type="button" className="button button--ghost" onClick={() => setSelected(new Set(result.items.map((item) => item.code)))}>
                  {t('equipmentIo.selectAll')}
                </button>
                <button type="button" className="button button--ghost" onClick={() => setSelected(new Set())}>
                  {t('equipmentIo.selectNone')}
                </button>
                <button type="button" className="button button--primary" disabled={selected.size === 0 || print.isPending} onClick={() => print.mutate()}>
                  {print.isPending ? t('equipmentIo.printing') : t('equipmentIo.print')}
                </button>
              </div>
              <div className="io-scroll" tabIndex={0} role="region" aria-labelledby="labels-result">
                <table className="table io-table">
                  <thead>
                    <tr>
                      <th scope="col">
                        <span className="visually-hidden">{t('equipmentIo.print')}</span>
                      </th>
                      <th scope="col">{t('equipmentIo.columns.code')}</th>
                      <th scope="col">{t('equipmentIo.designation')}</th>
                      <th scope="col">{t('equipmentIo.locationColumn')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.items.map((item) => (
                      <tr key={item.code}>
                        <td>
                          <label className="io-check io-check--cell">
                            <input type="checkbox" checked={selected.has(item.code)} onChange={() => toggle(item.code)} aria-label={t('equipmentIo.selectOne', { code: item.code })} />
                          </label>
                        </td>
                        <td>
                          <strong>{item.code}</strong>
                        </td>
                        <td>{item.designation}</td>
                        <td>{item.locationCode ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      ) : null}
    </>
  );
}
