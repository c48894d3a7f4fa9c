// Renderer. "Journal de sécurité" (administrators): the security log, filtered and paged by main, newest
// first; its CSV export; its retention. Filters live in this component only, so they go with the page.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditLanguage } from '../../../../shared/audit/audit-text';
import type { AuditFilter, AuditFilterOptions, AuditPage as AuditPageData } from '../../../../shared/contract';
import { call } from '../../api/client';
import { Alert } from '../../components/Alert';
import { AuditFilters } from './AuditFilters';
import { AuditResults } from './AuditResults';
import type { AuditStatus } from './audit-status';
import { downloadTextFile } from '../../components/download-file';
import { useExportProgress } from './ExportProgress';
import { EMPTY_FILTER_FORM, rangeReversed, toAuditFilter, type FilterForm } from './filter-form';
import { RetentionCard } from './RetentionCard';
import './audit.css';

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const language: AuditLanguage = i18n.language === 'en' ? 'en' : 'fr';
  const [form, setForm] = useState<FilterForm>(EMPTY_FILTER_FORM);
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState(1);
  const [reload, setReload] = useState(0);
  // The last page received, and which request it answered: "loading" is simply "not the current request yet".
  const [loaded, setLoaded] = useState<{ key: string; data: AuditPageData | null }>({ key: '', data: null });
  const [options, setOptions] = useState<AuditFilterOptions | null>(null);
  const [status, setStatus] = useState<AuditStatus | null>(null);
  const [rangeError, setRangeError] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [exportProgress, setExportProgress] = useExportProgress();
  const requestKey = JSON.stringify({ filter, page, reload });
  const loading = loaded.key !== requestKey;

  useEffect(() => {
    // Only the answer to the latest request is shown, whatever order answers arrive in.
    let current = true;
    const { filter: f, page: p } = JSON.parse(requestKey) as { filter: AuditFilter; page: number };
    void call('audit:list', { ...f, page: p }).then((answer) => {
      if (!current) return;
      if (!answer.ok) setStatus({ tone: 'error', text: t(`errors.${answer.error.code}`) });
      setLoaded((previous) => ({ key: requestKey, data: answer.ok ? answer.data : previous.data }));
    });
    return () => {
      current = false;
    };
  }, [requestKey, t]);

  useEffect(() => {
    void call('audit:filterOptions').then((answer) => {
      if (answer.ok) setOptions(answer.data);
    });
  }, [reload]);

  const refresh = useCallback(() => setReload((n) => n + 1), []);

  const apply = () => {
    setStatus(null);
    if (rangeReversed(form)) return setRangeError(true);
    setRangeError(false);
    setFilter(toAuditFilter(form));
    setPage(1);
    refresh();
  };

  const reset = () => {
    setForm(EMPTY_FILTER_FORM);
    setRangeError(false);
    setFilter({});
    setPage(1);
    refresh();
  };

  const exportCsv = async () => {
    setStatus(null);
    setExportProgress(null);
    setExporting(true);
    const answer = await call('audit:export', { ...filter, language });
    setExporting(false);
    setExportProgress(null);
    if (!answer.ok) return setStatus({ tone: 'error', text: t(`errors.${answer.error.code}`) });
    const file = answer.data;
    downloadTextFile(file.fileName, file.content, 'text/csv;charset=utf-8');
    const number = new Intl.NumberFormat(i18n.language);
    const facts = { fileName: file.fileName, rows: number.format(file.rows), total: number.format(file.total) };
    setStatus(file.capped ? { tone: 'info', text: t('audit.exportCapped', facts) } : { tone: 'success', text: t('audit.exported', facts) });
    refresh(); // the export is in the log now
  };

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p className="lead audit-intro">{t('audit.intro')}</p>
      {status ? <Alert tone={status.tone}>{status.text}</Alert> : null}
      <AuditFilters
        form={form}
        options={options}
        language={language}
        rangeError={rangeError}
        onChange={setForm}
        onApply={apply}
        onReset={reset}
      />
      <AuditResults result={loaded.data} loading={loading} exporting={exporting} exportProgress={exportProgress} language={language} onPage={setPage} onExport={() => void exportCsv()} />
      <RetentionCard
        onSaved={() => {
          // Back to the newest entries, where the change and any deletion are now listed.
          setPage(1);
          refresh();
        }}
      />
    </>
  );
}
