// Pure. Events main pushes to one window. The preload only forwards names listed here.
import type { SiteConnectionState, SiteRefusal } from '../site/contract';

/**
 * logout: the user signed out. revoked: credentials changed, account deactivated or an admin ended it.
 * replaced: someone else signed in in this window. idle / absolute: the inactivity or lifetime deadline passed.
 * os-lock: the computer was suspended or its screen locked. manual-lock: "Verrouiller" was pressed.
 * restored: an administrator restored a backup; everyone signs in again on the restored data.
 * disconnected: a client PC lost its site server; the window locks at once, and its person signs in again once
 * the server is back (issue 16).
 */
export type SessionEndReason = 'logout' | 'revoked' | 'replaced' | 'idle' | 'absolute' | 'os-lock' | 'manual-lock' | 'restored' | 'disconnected';

/** Main is the only clock: the renderer displays `deadline - now`, corrected by the `now` main sent. */
export interface SessionTiming {
  now: number;
  idleDeadline: number;
  absoluteDeadline: number;
  /** Set from `warningSeconds` before the first deadline until activity (idle) or the end. */
  warning: { reason: 'idle' | 'absolute'; deadline: number } | null;
}

export interface EventPayloads {
  /** This window's session ended in main: the renderer must drop every store and show the login screen. */
  'session:ended': { reason: SessionEndReason };
  /** The warning started or cleared. */
  'session:timing': SessionTiming;
  /** A backup or restore this window started is copying pages (better-sqlite3's backup API reports them). */
  'backups:progress': BackupProgress;
  /** The security log CSV export this window asked for is writing rows (in main's database worker). */
  'audit:progress': AuditExportProgress;
  /** A `gmao-atelier://reset?token=…` link from an email was opened on this PC: show the reset screen with it. */
  'reset:link': { token: string };
  /**
   * Data someone changed (in this window or another): lists and pages showing these topics fetch again. Only
   * names travel, never rows: what a window may see is still decided by the channels it calls. Sent to every
   * signed-in window of this process.
   */
  'data:changed': { topics: ChangeTopic[] };
  /** An OT or DI list export this window asked for is reading its keyset pages (rows written so far). */
  'lists:progress': ListExportProgress;
  /** Client PC (issue 16): its link to the site server changed (lost, back, refused); sent by its own main. */
  'site:connection': SiteConnectionEvent;
}

export interface SiteConnectionEvent {
  state: SiteConnectionState;
  refusal: SiteRefusal | null;
  /** Reconnecting: when the next attempt starts (epoch ms, main's clock). */
  nextAttemptAt: number | null;
  queuedRequests: number;
}

/** What changed, in the words of the renderer's query keys (one per domain's lists). */
export const CHANGE_TOPICS = [
  'locations',
  'equipment',
  'reference',
  'requests',
  'work-orders',
  'downtimes',
  'attachments',
  // Issue 14: compteurs/relevés, gammes, plans and their occurrences, the planning (OT dates, capacities).
  'meters',
  'checklists',
  'preventive',
  'planning',
  // Issue 15: parts catalog, stock (ledger, reservations, inventory), costs (rates, services).
  'parts',
  'stock',
  'costs',
] as const;
export type ChangeTopic = (typeof CHANGE_TOPICS)[number];

export interface BackupProgress {
  /**
   * backup: copying the live database to a file; restore: copying the chosen backup over the live database;
   * check: checking the chosen file and rebuilding it as rows only, before a restore or an import (then the
   * "pages" are steps: the integrity check, the schema comparison and one per table copied); server-dump: a
   * pg_dump export of the PostgreSQL database (the "pages" are its tables).
   */
  phase: 'backup' | 'restore' | 'check' | 'server-dump';
  totalPages: number;
  remainingPages: number;
}

export interface AuditExportProgress {
  exportedRows: number;
  /** Rows the file will hold (the filter's matches, at most AUDIT_EXPORT_MAX_ROWS). */
  totalRows: number;
}

export interface ListExportProgress {
  list: 'work-orders' | 'requests';
  exportedRows: number;
  /** Rows the file will hold (the filter's matches, at most LIST_EXPORT_MAX_ROWS). */
  totalRows: number;
}

export type EventName = keyof EventPayloads;

export const EVENT_NAMES: readonly EventName[] = ['session:ended', 'session:timing', 'backups:progress', 'audit:progress', 'reset:link', 'data:changed', 'lists:progress', 'site:connection'];
