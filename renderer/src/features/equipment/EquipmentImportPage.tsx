// Renderer. "Importer et exporter les équipements" (responsables, administrators): choose a .xlsx or CSV file → main
// checks it without writing (to create / to update / errors row by row, in French) → "Importer", enabled only with
// no error, writes everything in one transaction. Also the template to download, the columns documented, and the
// export of the whole list (xlsx or CSV for French Excel).
import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_MAX_BYTES, type ImportReport } from '../../../../shared/equipment/equipment-io-contract';
import { Alert } from '../../components/Alert';
import { SelectField } from '../../components/SelectField';
import { callOrThrow, ChannelError } from '../reference/call-or-throw';
import { downloadBase64File, readFileAsBase64 } from './equipment-io-files';
import type { equipmentIoFr } from './equipment-io-i18n';
import './equipment-io.css';

type DocKey = keyof (typeof equipmentIoFr)['equipmentIo']['docs'];
type Status = { tone: 'success' | 'error' | 'info'; text: string } | null;

export function EquipmentImportPage() {
  return <EquipmentImport />;
}

function useErrorText() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (error instanceof ChannelError) {
      const field = error.error.fields?.[0]?.code;
      if (field?.startsWith('equipmentIo.')) return t(field as 'equipmentIo.fileTooLarge');
      return t(`errors.${error.error.code}`);
    }
    return t('errors.INTERNAL_ERROR');
  };
}

function EquipmentImport() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ fileName: string; contentBase64: string } | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [status, setStatus] = useState<Status>(null);

  const dryRun = useMutation({
    mutationFn: (input: { fileName: string; contentBase64: string }) => callOrThrow('equipment:importDryRun', input),
    onSuccess: setReport,
    onError: (error) => setStatus({ tone: 'error', text: errorText(error) }),
  });
  const commit = useMutation({
    mutationFn: (input: { fileName: string; contentBase64: string }) => callOrThrow('equipment:importCommit', input),
    onSuccess: (result) => {
      setReport(null);
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      setStatus({ tone: 'success', text: t('equipmentIo.imported', { create: result.create, update: result.update }) });
    },
    onError: (error) => setStatus({ tone: 'error', text: errorText(error) }),
  });
  const template = useMutation({
    mutationFn: () => callOrThrow('equipment:importTemplate', undefined),
    onSuccess: downloadBase64File,
    onError: (error) => setStatus({ tone: 'error', text: errorText(error) }),
  });

  const choose = async (chosen: File | undefined) => {
    setStatus(null);
    setReport(null);
    setFile(null);
    if (!chosen) return;
    if (chosen.size > IMPORT_MAX_BYTES) return setStatus({ tone: 'error', text: t('equipmentIo.fileTooLarge') });
    const input = { fileName: chosen.name, contentBase64: await readFileAsBase64(chosen) };
    setFile(input);
    dryRun.mutate(input);
  };

  const canImport = report !== null && report.errors.length === 0 && report.create + report.update > 0 && !commit.isPending;

  return (
    <>
      <h1>{t('equipmentIo.importTitle')}</h1>
      <p className="lead">{t('equipmentIo.importIntro')}</p>
      {status ? <Alert tone={status.tone}>{status.text}</Alert> : null}

      <section className="card card--full io-card" aria-labelledby="io-step1">
        <h2 id="io-step1">{t('equipmentIo.step1')}</h2>
        <div className="io-file-row">
          <div className="field io-file">
            <label htmlFor={inputId} className="field__label">
              {t('equipmentIo.fileLabel')}
            </label>
            <p id={`${inputId}-hint`} className="field__hint">
              {t('equipmentIo.fileHint')}
            </p>
            {/* The native chooser's button speaks the browser's language; this one speaks the app's, and is glove-sized. */}
            <input
              ref={fileInput}
              id={inputId}
              type="file"
              className="visually-hidden io-file__input"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              aria-describedby={`${inputId}-hint`}
              disabled={dryRun.isPending || commit.isPending}
              onChange={(event) => void choose(event.target.files?.[0])}
            />
            <div className="io-file__picker">
              <label htmlFor={inputId} className="button button--primary io-file__button">
                {t('equipmentIo.chooseFile')}
              </label>
              <span className="io-file__name">{file?.fileName ?? t('equipmentIo.noFile')}</span>
            </div>
          </div>
          <button type="button" className="button button--ghost" disabled={template.isPending} onClick={() => template.mutate()}>
            {t('equipmentIo.template')}
          </button>
        </div>
        {dryRun.isPending && file ? <Progress text={t('equipmentIo.checking', { fileName: file.fileName })} /> : null}
      </section>

      {report && file ? (
        <section className="card card--full io-card" aria-labelledby="io-step2">
          <h2 id="io-step2">{t('equipmentIo.step2')}</h2>
          <p className="io-summary" data-testid="import-summary">
            {t('equipmentIo.summary', { create: report.create, update: report.update, errors: report.errors.length })}
          </p>
          <p className="muted io-summary-detail">
            {t('equipmentIo.summaryDetail', {
              lc: report.counts.locations.create,
              lu: report.counts.locations.update,
              ec: report.counts.equipment.create,
              eu: report.counts.equipment.update,
            })}
          </p>
          {report.errors.length > 0 ? (
            <Alert tone="error">{t('equipmentIo.hasErrors', { count: report.errors.length })}</Alert>
          ) : report.create + report.update === 0 ? (
            <Alert tone="info">{t('equipmentIo.nothingToImport')}</Alert>
          ) : (
            <Alert tone="success">{t('equipmentIo.noErrors')}</Alert>
          )}
          {report.errors.length > 0 ? (
            <>
              <h3>{t('equipmentIo.errorsTitle')}</h3>
              <div className="io-scroll" tabIndex={0} role="region" aria-label={t('equipmentIo.errorsTitle')}>
                <table className="table io-table" data-testid="import-errors">
                  <thead>
                    <tr>
                      <th scope="col">{t('equipmentIo.columns.sheet')}</th>
                      <th scope="col">{t('equipmentIo.columns.row')}</th>
                      <th scope="col">{t('equipmentIo.columns.column')}</th>
                      <th scope="col">{t('equipmentIo.columns.reason')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.errors.map((error, index) => (
                      <tr key={index}>
                        <td>{error.sheet}</td>
                        <td>{error.row || '—'}</td>
                        <td>{error.column || '—'}</td>
                        <td>{error.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
          <div className="button-row io-actions">
            <button type="button" className="button button--primary" disabled={!canImport} onClick={() => commit.mutate(file)}>
              {t('equipmentIo.import')}
            </button>
          </div>
          {commit.isPending ? <Progress text={t('equipmentIo.importing')} /> : null}
          <h3>{t('equipmentIo.previewTitle')}</h3>
          {report.preview.length < report.rows ? <p className="muted">{t('equipmentIo.previewMore', { shown: report.preview.length, rows: report.rows })}</p> : null}
          <div className="io-scroll" tabIndex={0} role="region" aria-label={t('equipmentIo.previewTitle')}>
            <table className="table io-table">
              <thead>
                <tr>
                  <th scope="col">{t('equipmentIo.columns.sheet')}</th>
                  <th scope="col">{t('equipmentIo.columns.row')}</th>
                  <th scope="col">{t('equipmentIo.columns.code')}</th>
                  <th scope="col">{t('equipmentIo.columns.label')}</th>
                  <th scope="col">{t('equipmentIo.columns.action')}</th>
                </tr>
              </thead>
              <tbody>
                {report.preview.map((row) => (
                  <tr key={`${row.sheet}-${row.row}`}>
                    <td>{t(`equipmentIo.sheets.${row.sheet}`)}</td>
                    <td>{row.row}</td>
                    <td>{row.code}</td>
                    <td>{row.label}</td>
                    <td>
                      <span className={`io-badge io-badge--${row.action}`}>{t(`equipmentIo.actions.${row.action}`)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <ExportCard onStatus={setStatus} />
      <FormatCard />
    </>
  );
}

function Progress({ text }: { text: string }) {
  return (
    <div className="io-progress" role="status">
      <progress aria-label={text} />
      <span>{text}</span>
    </div>
  );
}

function ExportCard({ onStatus }: { onStatus: (status: Status) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [dataset, setDataset] = useState<'equipment' | 'locations'>('equipment');
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const exportFile = useMutation({
    mutationFn: () => callOrThrow('equipment:export', { format, dataset }),
    onSuccess: (file) => {
      downloadBase64File(file);
      onStatus({ tone: 'success', text: t('equipmentIo.exported', { fileName: file.fileName }) });
    },
    onError: (error) => onStatus({ tone: 'error', text: errorText(error) }),
  });
  return (
    <section className="card card--full io-card" aria-labelledby="io-export">
      <h2 id="io-export">{t('equipmentIo.exportTitle')}</h2>
      <p className="lead">{t('equipmentIo.exportIntro')}</p>
      <div className="io-export-row">
        <SelectField label={t('equipmentIo.exportDataset')} value={dataset} onChange={(event) => setDataset(event.target.value as 'equipment' | 'locations')}>
          <option value="equipment">{t('equipmentIo.datasets.equipment')}</option>
          <option value="locations">{t('equipmentIo.datasets.locations')}</option>
        </SelectField>
        <SelectField label={t('equipmentIo.exportFormat')} value={format} onChange={(event) => setFormat(event.target.value as 'xlsx' | 'csv')}>
          <option value="xlsx">{t('equipmentIo.formats.xlsx')}</option>
          <option value="csv">{t('equipmentIo.formats.csv')}</option>
        </SelectField>
        <button type="button" className="button button--primary" disabled={exportFile.isPending} onClick={() => exportFile.mutate()}>
          {exportFile.isPending ? t('equipmentIo.exporting') : t('equipmentIo.export')}
        </button>
      </div>
    </section>
  );
}

const LOCATION_DOCS = [
  ['Code', 'locCode', true],
  ['Nom', 'locName', true],
  ['Type', 'locType', true],
  ['Parent', 'locParent', false],
] as const;

const EQUIPMENT_DOCS = [
  ['Code', 'eqCode', true],
  ['Désignation', 'eqDesignation', true],
  ['Localisation', 'eqLocation', false],
  ['Parent', 'eqParent', false],
  ['Catégorie', 'eqCategory', false],
  ['Criticité', 'eqCriticality', false],
  ['Statut', 'eqStatus', false],
  ['Fabricant, Modèle, N° de série', 'eqMaker', false],
  ['Date de mise en service', 'eqDate', false],
  ['Notes', 'eqNotes', false],
] as const;

function FormatCard() {
  const { t } = useTranslation();
  const table = (title: string, rows: readonly (readonly [string, DocKey, boolean])[]) => (
    <div className="io-format">
      <h3>{title}</h3>
      <table className="table io-table">
        <thead>
          <tr>
            <th scope="col">{t('equipmentIo.formatColumn')}</th>
            <th scope="col">{t('equipmentIo.formatContent')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([header, doc, required]) => (
            <tr key={header}>
              <td>
                <strong>{header}</strong>
                {required ? <span className="io-required"> ({t('equipmentIo.required')})</span> : null}
              </td>
              <td>{t(`equipmentIo.docs.${doc}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <section className="card card--full io-card" aria-labelledby="io-format">
      <h2 id="io-format">{t('equipmentIo.formatTitle')}</h2>
      <p className="lead">{t('equipmentIo.formatIntro')}</p>
      <div className="io-format-grid">
        {table(t('equipmentIo.formatLocations'), LOCATION_DOCS)}
        {table(t('equipmentIo.formatEquipment'), EQUIPMENT_DOCS)}
      </div>
    </section>
  );
}

