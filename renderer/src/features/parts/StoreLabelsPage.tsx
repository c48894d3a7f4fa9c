// Renderer. « Étiquettes QR du magasin » (responsables, administrators): labels for parts (search, tick the ones
// wanted) or for a store's bins (choose the store, tick its bins), then « Imprimer les étiquettes »: main makes the
// A4 PDF (3 × 8 labels) through the same PdfPrinter as the equipment labels, handed over as a download. A part's QR
// holds its référence; a bin's holds « MAG-01/A-03-2 ».
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTS_LABELS_MAX, type PartsLabelsInput } from '../../../../shared/parts/parts-io-contract';
import { Alert } from '../../components/Alert';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useChannelMutation, useChannelQuery, IpcError } from '../../api/query';
import { downloadBase64File } from '../equipment/equipment-io-files';
import '../equipment/equipment-io.css';
import './parts.css';

type Status = { tone: 'success' | 'error' | 'info'; text: string } | null;
interface Candidate {
  code: string;
  label: string;
  /** What is sent to print it: the part code, or the bin's own code. */
  key: string;
}

const PER_SHEET = 24;

export function StoreLabelsPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'parts' | 'bins'>('parts');
  const [status, setStatus] = useState<Status>(null);
  const [candidates, setCandidates] = useState<{ total: number; items: Candidate[]; storeCode?: string } | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [text, setText] = useState('');
  const [category, setCategory] = useState('');
  const [storeCode, setStoreCode] = useState('');
  const categories = useChannelQuery(['parts', 'categories'], 'parts:categories', undefined);
  const stores = useChannelQuery(['stock', 'label-stores'], 'parts:labelStores', undefined);
  const errorText = (error: unknown) => t(`errors.${error instanceof IpcError ? error.code : 'INTERNAL_ERROR'}` as 'errors.INTERNAL_ERROR');

  const show = (result: { total: number; items: Candidate[]; storeCode?: string }) => {
    setCandidates(result);
    setSelected(new Set(result.items.map((item) => item.key)));
  };
  const previewParts = useChannelMutation('parts:labelsPreview', {
    onSuccess: (data) => show({ total: data.total, items: data.items.map((item) => ({ code: item.code, label: item.designation, key: item.code })) }),
    onError: (error) => setStatus({ tone: 'error', text: errorText(error) }),
  });
  const previewBins = useChannelMutation('parts:labelBins', {
    onError: (error) => setStatus({ tone: 'error', text: errorText(error) }),
  });
  const print = useChannelMutation('parts:labels', {
    onSuccess: (file) => {
      downloadBase64File(file);
      setStatus({ tone: 'success', text: t('storeLabels.printed', { fileName: file.fileName }) });
    },
    onError: (error) => setStatus({ tone: 'error', text: errorText(error) }),
  });

  const switchKind = (next: 'parts' | 'bins') => {
    setKind(next);
    setCandidates(null);
    setSelected(new Set());
    setStatus(null);
  };

  const findParts = (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    previewParts.mutate({ ...(text.trim() ? { text: text.trim() } : {}), ...(category ? { category } : {}) });
  };

  const chooseStore = (code: string) => {
    setStoreCode(code);
    setStatus(null);
    setCandidates(null);
    if (!code) return;
    previewBins.mutate(
      { storeCode: code },
      { onSuccess: (bins) => show({ total: bins.length, storeCode: code, items: bins.map((bin) => ({ code: bin.code, label: bin.label ?? '', key: bin.binCode })) }) },
    );
  };

  const toggle = (key: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const printInput = (): PartsLabelsInput | null => {
    if (!candidates || selected.size === 0) return null;
    if (kind === 'parts') return { kind: 'parts', codes: [...selected].slice(0, PARTS_LABELS_MAX) };
    return { kind: 'bins', storeCode: candidates.storeCode ?? storeCode, binCodes: [...selected].slice(0, PARTS_LABELS_MAX) };
  };

  return (
    <>
      <h1>{t('storeLabels.title')}</h1>
      <p className="lead">{t('storeLabels.intro')}</p>
      {status ? <Alert tone={status.tone}>{status.text}</Alert> : null}

      <section className="card card--full io-card" aria-labelledby="store-labels-choose">
        <h2 id="store-labels-choose">{t('storeLabels.kindLabel')}</h2>
        <div className="parts-labels-choice" role="radiogroup" aria-label={t('storeLabels.kindLabel')}>
          {(['parts', 'bins'] as const).map((value) => (
            <label key={value} className="io-check">
              <input type="radio" name="label-kind" value={value} checked={kind === value} onChange={() => switchKind(value)} />
              <span>{t(`storeLabels.kinds.${value}`)}</span>
            </label>
          ))}
        </div>
        {kind === 'parts' ? (
          <form className="io-filter" noValidate onSubmit={findParts}>
            <div className="io-filter__fields">
              <TextField label={t('storeLabels.text')} hint={t('storeLabels.textHint')} value={text} autoComplete="off" onChange={(event) => setText(event.target.value)} />
              <SelectField label={t('storeLabels.category')} value={category} onChange={(event) => setCategory(event.target.value)}>
                <option value="">{t('storeLabels.allCategories')}</option>
                {(categories.data ?? []).map((item) => (
                  <option key={item} value={item}>
                    {item}
                  </option>
                ))}
              </SelectField>
            </div>
            <div>
              <button type="submit" className="button button--primary" disabled={previewParts.isPending}>
                {t('storeLabels.find')}
              </button>
            </div>
          </form>
        ) : (stores.data ?? []).length === 0 && !stores.isPending ? (
          <Alert tone="info">{t('storeLabels.noStores')}</Alert>
        ) : (
          <SelectField label={t('storeLabels.store')} value={storeCode} onChange={(event) => chooseStore(event.target.value)}>
            <option value="">{t('storeLabels.chooseStore')}</option>
            {(stores.data ?? []).map((store) => (
              <option key={store.code} value={store.code}>
                {store.code} — {store.name} ({t('storeLabels.binsOf', { count: store.bins })})
              </option>
            ))}
          </SelectField>
        )}
      </section>

      {candidates ? (
        <section className="card card--full io-card" aria-labelledby="store-labels-list">
          <h2 id="store-labels-list" className="visually-hidden">
            {t('storeLabels.columns.code')}
          </h2>
          <div className="io-print-row">
            <p className="io-summary" data-testid="labels-summary">
              {t('storeLabels.matches', { total: candidates.total, selected: selected.size })}
            </p>
            <button type="button" className="button button--ghost" onClick={() => setSelected(new Set(candidates.items.map((item) => item.key)))}>
              {t('storeLabels.selectAll')}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setSelected(new Set())}>
              {t('storeLabels.selectNone')}
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={selected.size === 0 || print.isPending}
              onClick={() => {
                const input = printInput();
                if (input) print.mutate(input);
              }}
            >
              {print.isPending ? t('storeLabels.printing') : t('storeLabels.print', { count: selected.size })}
            </button>
          </div>
          <p className="muted">{t('storeLabels.sheets', { count: Math.max(1, Math.ceil(selected.size / PER_SHEET)) })}</p>
          {candidates.total > candidates.items.length ? <Alert tone="info">{t('storeLabels.tooMany', { max: PARTS_LABELS_MAX })}</Alert> : null}
          <div className="io-scroll" tabIndex={0} role="region" aria-label={t('storeLabels.title')}>
            <table className="table io-table">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">{t('storeLabels.selectAll')}</span>
                  </th>
                  <th scope="col">{t('storeLabels.columns.code')}</th>
                  <th scope="col">{t('storeLabels.columns.label')}</th>
                </tr>
              </thead>
              <tbody>
                {candidates.items.map((item) => (
                  <tr key={item.key}>
                    <td>
                      <label className="io-check io-check--cell">
                        <input type="checkbox" checked={selected.has(item.key)} onChange={() => toggle(item.key)} aria-label={item.code} />
                      </label>
                    </td>
                    <td>
                      <strong>{item.code}</strong>
                    </td>
                    <td>{item.label}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
