// Renderer. One page of the log as a table (newest first), its count, "Précédent / Suivant" and the CSV export.
import { useTranslation } from 'react-i18next';
import { auditEventLabel, describeAuditDetails, type AuditLanguage } from '../../../../shared/audit/audit-text';
import type { AuditExportProgress, AuditLogEntry, AuditPage, AuditPerson } from '../../../../shared/contract';
import { TableCard } from '../../components/TableCard';
import { useDateFormatter } from '../../i18n/format';
import { ExportProgressBar } from './ExportProgress';

function Person({ person }: { person: AuditPerson | null }) {
  if (!person) return <span aria-hidden="true">—</span>;
  return (
    <>
      {person.displayName} <span className="muted-inline">({person.username})</span>
    </>
  );
}

export function AuditResults(props: {
  result: AuditPage | null;
  loading: boolean;
  exporting: boolean;
  /** The export's latest progress from main, while `exporting`. */
  exportProgress?: AuditExportProgress | null;
  language: AuditLanguage;
  onPage: (page: number) => void;
  onExport: () => void;
}) {
  const { t, i18n } = useTranslation();
  const formatDate = useDateFormatter('medium');
  const { result } = props;
  const number = new Intl.NumberFormat(i18n.language);

  const subject = (entry: AuditLogEntry) =>
    entry.subject ? (
      <Person person={entry.subject} />
    ) : entry.subjectLabel ? (
      <>
        {t('audit.typedName', { name: entry.subjectLabel })} <span className="muted-inline">{t('audit.typed')}</span>
      </>
    ) : (
      <span aria-hidden="true">—</span>
    );

  return (
    <TableCard
      id="audit-results-title"
      className="card--full"
      title={t('audit.resultsTitle')}
      actions={
        <button type="button" className="button button--primary" onClick={props.onExport} disabled={props.exporting || !result || result.total === 0}>
          {props.exporting ? t('audit.exporting') : t('audit.export')}
        </button>
      }
      summary={
        <>
          {props.exporting ? <ExportProgressBar progress={props.exportProgress ?? null} /> : null}
          <p className="audit-count" role="status">
            {props.loading ? t('audit.loading') : result ? t('audit.count', { count: result.total, formatted: number.format(result.total) }) : ''}
          </p>
        </>
      }
      emptyText={props.loading ? '' : t('audit.none')}
      columns={[
        t('audit.columns.date'),
        t('audit.columns.event'),
        t('audit.columns.actor'),
        t('audit.columns.subject'),
        t('audit.columns.workstation'),
        t('audit.columns.details'),
      ]}
      rows={result?.entries ?? []}
      rowKey={(entry) => entry.id}
      cells={(entry) => [
        <span className="audit-date">{formatDate(entry.occurredAt)}</span>,
        auditEventLabel(entry.eventType, props.language),
        <Person person={entry.actor} />,
        subject(entry),
        entry.workstation,
        <span className="audit-details">{describeAuditDetails(entry.eventType, entry.details, props.language)}</span>,
      ]}
      footer={
        result && result.total > 0 ? (
          <nav className="pager" aria-label={t('audit.pagination')}>
            <button type="button" className="button button--ghost" disabled={props.loading || result.page <= 1} onClick={() => props.onPage(result.page - 1)}>
              {t('audit.previous')}
            </button>
            <span className="pager__position">{t('audit.pageOf', { page: result.page, pageCount: result.pageCount })}</span>
            <button
              type="button"
              className="button button--ghost"
              disabled={props.loading || result.page >= result.pageCount}
              onClick={() => props.onPage(result.page + 1)}
            >
              {t('audit.next')}
            </button>
          </nav>
        ) : null
      }
    />
  );
}
