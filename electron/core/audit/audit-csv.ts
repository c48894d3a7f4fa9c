// Pure (Node). The rows of the security log as a CSV file, with the same French (or English) words as the
// screen: headers, event labels, people and readable details. Dates are JJ/MM/AAAA HH:MM:SS, local time.
import {
  auditEventLabel,
  auditPersonText,
  auditSubjectText,
  describeAuditDetails,
  formatAuditDateTime,
  type AuditLanguage,
} from '../../../shared/audit/audit-text';
import type { AuditViewRecord } from '../kernel/audit-trail/audit-repository';
import { CSV_BOM, csvLine, toCsv } from './csv';

export const AUDIT_CSV_HEADERS: Record<AuditLanguage, readonly string[]> = {
  fr: ['N°', 'Date et heure', 'Événement', 'Code événement', 'Par', 'Concerne', 'Poste', 'Détails'],
  en: ['No.', 'Date and time', 'Event', 'Event code', 'By', 'Concerns', 'Workstation', 'Details'],
};

export function buildAuditCsv(entries: Iterable<AuditViewRecord>, language: AuditLanguage): string {
  return toCsv(AUDIT_CSV_HEADERS[language], mapRows(entries, language));
}

/**
 * The same file written chunk by chunk, for the export that reads the log page by page (audit-csv-job.ts):
 * the rows of a page become text at once, so 100,000 records are never held in memory together.
 */
export class AuditCsvWriter {
  private readonly parts: string[];

  constructor(private readonly language: AuditLanguage) {
    this.parts = [CSV_BOM, csvLine(AUDIT_CSV_HEADERS[language])];
  }

  add(entries: Iterable<AuditViewRecord>): void {
    for (const row of mapRows(entries, this.language)) this.parts.push(csvLine(row));
  }

  content(): string {
    return this.parts.join('');
  }
}

function* mapRows(entries: Iterable<AuditViewRecord>, language: AuditLanguage) {
  for (const entry of entries) {
    yield [
      entry.id,
      formatAuditDateTime(entry.occurredAt),
      auditEventLabel(entry.eventType, language),
      entry.eventType,
      auditPersonText(entry.actor),
      auditSubjectText(entry, language),
      entry.workstation,
      describeAuditDetails(entry.eventType, entry.details, language),
    ];
  }
}
