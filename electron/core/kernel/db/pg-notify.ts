// Pure (Node). PostgreSQL's LISTEN/NOTIFY as a message bus between the processes sharing one database (site
// server processes, workstations on PostgreSQL): the change feed's topic names travel here (issue 16).
// Sending goes through the ordinary pool (`pg_notify`), so it works whenever queries do. Receiving needs one
// dedicated connection that stays LISTENing; when it drops (PostgreSQL restarted, network cut, the backend
// terminated) it reconnects with backoff and jitter, and `onReconnected` says notifications may have been missed
// meanwhile. A ping on that connection notices a dead peer long before TCP keepalive would.
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Logger } from '../platform/logger';
import type { Schema } from './schema';

export interface PgNotifyOptions {
  url: string;
  /** Sends through this pool. */
  kysely: Kysely<Schema>;
  /** The channel; processes on one database talk on the same one (tests: one per schema). */
  channel: string;
  onNotification(payload: string): void;
  /** The listening connection is back after a loss (not after the first connection). */
  onReconnected?(): void;
  logger: Logger;
  backoff?: { initialMs: number; maxMs: number };
  /** How often the listening connection is checked (default 30 s; 0: never). */
  pingMs?: number;
}

export interface PgNotify {
  /** NOTIFY on the channel; never throws (a change feed must not fail the command that already committed). */
  notify(payload: string): void;
  /** Connects and LISTENs (waits for the first attempt; a failure there is retried in the background). */
  start(): Promise<void>;
  /** True while the listening connection is up. */
  readonly listening: boolean;
  close(): Promise<void>;
}

/** The channel of the processes sharing a database, and schema in tests (NOTIFY channels span the database). */
export function changeChannelName(schema?: string | null): string {
  const base = 'gmao_changes';
  if (!schema) return base;
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid schema name: ${schema}`);
  return `${base}__${schema}`.slice(0, 63);
}

export function createPgNotify(options: PgNotifyOptions): PgNotify {
  const { channel, logger } = options;
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Invalid channel name: ${channel}`);
  const backoff = options.backoff ?? { initialMs: 500, maxMs: 30_000 };
  const pingMs = options.pingMs ?? 30_000;
  let client: pg.Client | null = null;
  let closed = false;
  let everConnected = false;
  let failures = 0;
  let retry: NodeJS.Timeout | null = null;
  let ping: NodeJS.Timeout | null = null;

  const drop = (lost: pg.Client, reason: unknown) => {
    if (lost !== client) return;
    client = null;
    if (ping) clearInterval(ping);
    ping = null;
    void lost.end().catch(() => undefined);
    if (closed) return;
    logger.warn('Change notifications: listening connection lost', { error: reason instanceof Error ? reason.message : String(reason ?? 'ended') });
    schedule();
  };

  const schedule = () => {
    if (closed || retry) return;
    // Exponential, capped, with jitter: many processes losing one server don't all come back in the same instant.
    const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(failures, 16));
    const delay = Math.round(ceiling * (0.5 + Math.random() * 0.5));
    failures += 1;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, delay);
    retry.unref();
  };

  const connect = async (): Promise<void> => {
    const candidate = new pg.Client({
      connectionString: options.url,
      application_name: `gmao ${channel}`.slice(0, 63),
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      connectionTimeoutMillis: 10_000,
      query_timeout: 10_000,
    });
    // Without an 'error' listener a lost connection would crash the process.
    candidate.on('error', (error) => drop(candidate, error));
    candidate.on('end', () => drop(candidate, null));
    candidate.on('notification', (message) => {
      if (message.channel === channel && typeof message.payload === 'string') options.onNotification(message.payload);
    });
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${channel}`);
    } catch (error) {
      void candidate.end().catch(() => undefined);
      if (closed) return;
      logger.warn('Change notifications: could not listen', { error: error instanceof Error ? error.message : String(error) });
      schedule();
      return;
    }
    if (closed) {
      await candidate.end().catch(() => undefined);
      return;
    }
    client = candidate;
    failures = 0;
    if (pingMs > 0) {
      ping = setInterval(() => void candidate.query('select 1').catch((error: unknown) => drop(candidate, error)), pingMs);
      ping.unref();
    }
    if (everConnected) {
      logger.info('Change notifications: listening again');
      options.onReconnected?.();
    }
    everConnected = true;
  };

  return {
    notify(payload) {
      if (closed) return;
      sql`select pg_notify(${channel}, ${payload})`.execute(options.kysely).catch((error: unknown) =>
        logger.warn('Change notifications: could not notify', { error: error instanceof Error ? error.message : String(error) }),
      );
    },
    start: () => connect(),
    get listening() {
      return client !== null;
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      if (ping) clearInterval(ping);
      retry = null;
      ping = null;
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}
