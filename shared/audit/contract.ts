// Pure. The `audit` domain (administrators only): the "Journal de sécurité" viewer, its CSV export and the
// log's retention setting. Filters are the same for the screen and the export.
import { z } from 'zod';
import { auditSettingsSchema, type AuditSettings } from './audit-settings';
import { channel } from '../contract/channel';

/** A calendar day as the date inputs give it (YYYY-MM-DD); main reads it in its local time zone. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.invalid')
  .refine((value) => {
    const [y, m, d] = value.split('-').map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'validation.invalid');

const filterFields = {
  /** Events done by this user or concerning them. */
  userId: z.number().int().positive().optional(),
  /** Part of the name typed at login (subject_label), for names that match no account. */
  text: z.string().trim().max(100).optional(),
  /** Any of these types; absent or empty means all. */
  eventTypes: z.array(z.string().min(1).max(64)).max(100).optional(),
  /** First and last day, both included. */
  from: day.optional(),
  to: day.optional(),
};

const rangeInOrder = (filter: { from?: string; to?: string }) => !filter.from || !filter.to || filter.from <= filter.to;
const RANGE_ISSUE = { path: ['to'], message: 'validation.invalid' };

export const auditFilterSchema = z.object(filterFields).refine(rangeInOrder, RANGE_ISSUE);
export const auditListSchema = z
  .object({ ...filterFields, page: z.number().int().min(1).max(1_000_000) })
  .refine(rangeInOrder, RANGE_ISSUE);
export const auditExportSchema = z
  .object({ ...filterFields, language: z.enum(['fr', 'en']).optional() })
  .refine(rangeInOrder, RANGE_ISSUE);

export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const AUDIT_PAGE_SIZE = 50;
/** An export stops there; the message says so and the newest rows are the ones kept. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

export interface AuditPerson {
  id: number;
  username: string;
  displayName: string;
}

export interface AuditLogEntry {
  id: number;
  occurredAt: number;
  /** A string, not a closed union: types added by later versions still come through. */
  eventType: string;
  actor: AuditPerson | null;
  subject: AuditPerson | null;
  /** The name as typed when it matches no account (unknown login names). */
  subjectLabel: string | null;
  workstation: string;
  details: Record<string, unknown> | null;
}

export interface AuditPage {
  entries: AuditLogEntry[];
  total: number;
  /** The page actually returned: a page past the end gives the last one. */
  page: number;
  pageSize: number;
  pageCount: number;
}

export interface AuditFilterOptions {
  users: (AuditPerson & { isActive: boolean })[];
  /** Every type present in the log, including ones this version has no label for. */
  eventTypes: string[];
}

export interface AuditExport {
  fileName: string;
  /** The whole file: UTF-8 BOM, `;` separators, CRLF line ends. */
  content: string;
  rows: number;
  /** True when the filter matched more than AUDIT_EXPORT_MAX_ROWS rows: only the newest ones are in the file. */
  capped: boolean;
  total: number;
}

export type { AuditSettings };

const ADMIN = ['admin'] as const;

export const auditContract = {
  'audit:list': channel<AuditPage>()({ input: auditListSchema, access: ADMIN }),
  'audit:filterOptions': channel<AuditFilterOptions>()({ input: z.undefined(), access: ADMIN }),
  'audit:export': channel<AuditExport>()({ input: auditExportSchema, access: ADMIN }),
  'audit:getSettings': channel<AuditSettings>()({ input: z.undefined(), access: ADMIN }),
  'audit:updateSettings': channel<{ settings: AuditSettings; pruned: number }>()({ input: auditSettingsSchema, access: ADMIN }),
};
