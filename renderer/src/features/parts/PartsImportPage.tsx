// Renderer. « Importer et exporter les pièces » (responsables, administrators): choose a .xlsx or CSV file → main
// checks it without writing (pièces to create / to update / errors row by row, in French) → « Importer », enabled
// only with no error, writes everything in one transaction. Also the template, the columns documented, and the
// catalog's export (xlsx or CSV for French Excel) with a progress line while the worker builds it.
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTS_IMPORT_MAX_BYTES, type PartsImportReport } from '../../../../shared/parts/parts-io-contract';
import { Alert } from '../../components/Alert';
import { SelectField } from '../../components/SelectField';
import { useChannelMutation, IpcError } from '../../api/query';
import { downloadBase64File, readFileAsBase64 } from '../equipment/equipment-io-files';
import '../equipment/equipment-io.css';
import './parts.css';

type Status = { tone: 'success' | 'error' | 'info'; text: string } | null;
type FileInput = { fileName: string; contentBase64: string };

function useErrorText() {
  const { t } = useTranslation();
  return (error: unknown): string => t(`errors.${error instanceof IpcError ? error.code : 'INTERNAL_ERROR'}` as 'errors.INTERNAL_ERROR');
}

export function PartsImportPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<FileInput | null>(null);
  const [report, setReport] = useState<PartsImportReport | null>(null);
  const [status, setStatus] = useState<Status>(null);

  const dryRun = useChannelMutation('parts:importDryRun', { onSuccess: setReport, onError: (error) => setStatus({ tone: 'error', text: errorText(error) }) });
  const commit = useChannelMutation('parts:importCommit', {
    invalidates: ['parts'],
    onSuccess: (result) => {
      setReport(null);
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      setStatus({ tone: 'success', text: t('partsIo.imported', { create: result.create, update: result.update }) });
    },
    onError: (error) => setStatus({ tone: 'error', text: errorText(error) }),
  });
  const template = useChannelMutation('parts:importTemplate', { onSuccess: downloadBase64File, onError: (error) => setStatus({ tone: 'error', text: errorText(error) }) });

  const choose = async (chosen: File | undefined) => {
    setStatus(null);
    setReport(null);
    setFile(null);
    if (!chosen) return;
    if (chosen.size > PARTS_IMPORT_MAX_BYTES) return setStatus({ tone: 'error', text: t('partsIo.fileTooLarge') });
    const input = { fileName: chosen.name, contentBase64: await readFileAsBase64(chosen) };
    setFile(input);
    dryRun.mutate(input);
  };

  const canImport = report !== null && report.errors.length === 0 && report.create + report.update > 0 && !commit.isPending;

  return (
    <>
      <h1>{t('partsIo.importTitle')}</h1>
      <p className="lead">{t('partsIo.importIntro')}</p>
      {status ? <Alert tone={status.tone}>{status.text}</Alert> : null}

      <section className="card card--full io-card" aria-labelledby="parts-io-step1">
        <h2 id="parts-io-step1">{t('partsIo.step1')}</h2>
        <div className="io-file-row">
          <div className="field io-file">
            <label htmlFor={inputId} className="field__label">
              {t('partsIo.fileLabel')}
            </label>
            <p id={`${inputId}-hint`} className="field__hint">
              {t('partsIo.fileHint')}
            </p>
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
                {t('partsIo.chooseFile')}
              </label>
              <span className="io-file__name">{file?.fileName ?? t('partsIo.noFile')}</span>
            </div>
          </div>
          <button type="button" className="button button--ghost" disabled={template.isPending} onClick={() => template.mutate(undefined)}>
            {t('partsIo.template')}
          </button>
        </div>
        {dryRun.isPending && file ? <Progress text={t('partsIo.checking', { fileName: file.fileName })} /> : null}
      </section>

      {report && file ? (
        <section className="card card--full io-card" aria-labelledby="parts-io-step2">
          <h2 id="parts-io-step2">{t('partsIo.step2')}</h2>
          <p className="io-summary" data-testid="parts-import-summary">
            {t('partsIo.summary', { create: report.create, update: report.update, errors: report.errors.length })}
          </p>
          <p className="muted io-summary-detail">{t('partsIo.suppliersCount', { count: report.suppliers })}</p>
          {report.errors.length > 0 ? (
            <Alert tone="error">{t('partsIo.hasErrors', { count: report.errors.length })}</Alert>
          ) : report.create + report.update === 0 ? (
            <Alert tone="info">{t('partsIo.nothingToImport')}</Alert>
          ) : (
            <Alert tone="success">{t('partsIo.noErrors')}</Alert>
          )}
          {report.errors.length > 0 ? (
            <>
              <h3>{t('partsIo.errorsTitle')}</h3>
              <div className="io-scroll" tabIndex={0} role="region" aria-label={t('partsIo.errorsTitle')}>
                <table className="table io-table" data-testid="parts-import-errors">
                  <thead>
                    <tr>
                      <th scope="col">{t('partsIo.columns.row')}</th>
                      <th scope="col">{t('partsIo.columns.column')}</th>
                      <th scope="col">{t('partsIo.columns.reason')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.errors.map((error, index) => (
                      <tr key={index}>
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
              {t('partsIo.import')}
            </button>
          </div>
          {commit.isPending ? <Progress text={t('partsIo.importing')} /> : null}
          <h3>{t('partsIo.previewTitle')}</h3>
          {report.preview.length < report.rows ? <p className="muted">{t('partsIo.previewMore', { shown: report.preview.length, rows: report.rows })}</p> : null}
          <div className="io-scroll" tabIndex={0} role="region" aria-label={t('partsIo.previewTitle')}>
            <table className="table io-table">
              <thead>
                <tr>
                  <th scope="col">{t('partsIo.columns.row')}</th>
                  <th scope="col">{t('partsIo.columns.code')}</th>
                  <th scope="col">{t('partsIo.columns.label')}</th>
                  <th scope="col">{t('partsIo.columns.action')}</th>
                </tr>
              </thead>
              <tbody>
                {report.preview.map((row) => (
                  <tr key={row.row}>
                    <td>{row.row}</td>
                    <td>{row.code}</td>
                    <td>{row.label}</td>
                    <td>
                      <span className={`io-badge io-badge--${row.action}`}>{t(`partsIo.actions.${row.action}`)}</span>
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
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const exportFile = useChannelMutation('parts:export', {
    onSuccess: (file) => {
      downloadBase64File(file);
      onStatus({ tone: 'success', text: t('partsIo.exported', { fileName: file.fileName }) });
    },
    onError: (error) => onStatus({ tone: 'error', text: errorText(error) }),
  });
  return (
    <section className="card card--full io-card" aria-labelledby="parts-io-export">
      <h2 id="parts-io-export">{t('partsIo.exportTitle')}</h2>
      <p className="lead">{t('partsIo.exportIntro')}</p>
      <div className="io-export-row">
        <SelectField label={t('partsIo.exportFormat')} value={format} onChange={(event) => setFormat(event.target.value as 'xlsx' | 'csv')}>
          <option value="xlsx">{t('partsIo.formats.xlsx')}</option>
          <option value="csv">{t('partsIo.formats.csv')}</option>
        </SelectField>
        <button type="button" className="button button--primary" disabled={exportFile.isPending} onClick={() => exportFile.mutate({ format, filter: {} })}>
          {t('partsIo.export')}
        </button>
      </div>
      {exportFile.isPending ? <Progress text={t('partsIo.exporting')} /> : null}
    </section>
  );
}

const DOCS = [
  ['Référence', 'code', true],
  ['Désignation', 'designation', true],
  ['Fabricant, Référence fabricant', 'maker', false],
  ['Unité', 'unit', false],
  ['Catégorie', 'category', false],
  ['Fournisseur, Référence fournisseur', 'supplier', false],
  ['Délai (j)', 'leadTime', false],
  ['Prix unitaire (€)', 'price', false],
  ['Notes', 'notes', false],
] as const;

function FormatCard() {
  const { t } = useTranslation();
  return (
    <section className="card card--full io-card" aria-labelledby="parts-io-format">
      <h2 id="parts-io-format">{t('partsIo.formatTitle')}</h2>
      <p className="lead">{t('partsIo.formatIntro')}</p>
      <table className="table io-table">
        <thead>
          <tr>
            <th scope="col">{t('partsIo.formatColumn')}</th>
            <th scope="col">{t('partsIo.formatContent')}</th>
          </tr>
        </thead>
        <tbody>
          {DOCS.map(([header, doc, required]) => (
            <tr key={header}>
              <td>
                <strong>{header}</strong>
                {required ? <span className="io-required"> ({t('partsIo.required')})</span> : null}
              </td>
              <td>{t(`partsIo.docs.${doc}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
