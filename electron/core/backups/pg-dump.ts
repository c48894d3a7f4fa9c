// Pure (Node). Runs PostgreSQL's pg_dump for « Exporter (pg_dump) »: found on the PATH, given the database URL's
// parameters one by one, the password only through the PGPASSWORD environment variable (never on the command
// line, where any user of the PC could read it in the process list), progress from its --verbose lines.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** pg_dump's executable on this PC's PATH, or null: the screen offers the export only when it is there. */
export function findPgDump(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  const names = platform === 'win32' ? ['pg_dump.exe'] : ['pg_dump'];
  for (const dir of (env.PATH ?? env.Path ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // Not here; next folder.
      }
    }
  }
  return null;
}

export interface PgDumpCommand {
  args: string[];
  /** Added to the environment of the child: the password and TLS settings of the URL. */
  env: Record<string, string>;
}

/** libpq's query parameters that have an environment variable of their own (TLS, mostly). */
const QUERY_ENV: Record<string, string> = {
  sslmode: 'PGSSLMODE',
  sslrootcert: 'PGSSLROOTCERT',
  sslcert: 'PGSSLCERT',
  sslkey: 'PGSSLKEY',
  connect_timeout: 'PGCONNECT_TIMEOUT',
  application_name: 'PGAPPNAME',
};

/**
 * The command for `postgres://user:secret@host:5432/db?sslmode=require`: host, port, user and database as
 * separate options, custom format (compressed, restored with pg_restore), the one schema of the app, never a
 * password prompt (a missing password fails at once instead of waiting for a keyboard nobody watches).
 */
export function pgDumpCommand(databaseUrl: string, options: { schema: string; file: string }): PgDumpCommand {
  const url = new URL(databaseUrl);
  const args: string[] = [];
  const env: Record<string, string> = {};
  // An IPv6 address comes in brackets in a URL, bare on pg_dump's command line.
  const host = url.searchParams.get('host') ?? decodeURIComponent(url.hostname).replace(/^\[(.*)\]$/, '$1');
  if (host) args.push(`--host=${host}`);
  if (url.port) args.push(`--port=${url.port}`);
  if (url.username) args.push(`--username=${decodeURIComponent(url.username)}`);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (database) args.push(`--dbname=${database}`);
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  for (const [key, variable] of Object.entries(QUERY_ENV)) {
    const value = url.searchParams.get(key);
    if (value) env[variable] = value;
  }
  // Double quotes: the schema's name is taken literally, never as a pattern.
  args.push(`--schema="${options.schema.replaceAll('"', '""')}"`, '--format=custom', `--file=${options.file}`, '--no-password', '--verbose');
  return { args, env };
}

export class PgDumpError extends Error {
  constructor(
    readonly reason: 'missing' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'PgDumpError';
  }
}

/**
 * Runs the command to its end. `onTable` is called as pg_dump starts writing each table's rows. Rejects with
 * the end of pg_dump's own messages (for the log: they name tables and hosts, never the password).
 */
export function runPgDump(executable: string, command: PgDumpCommand, onTable: (table: string) => void = () => undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    // Its messages in English whatever the PC's language: progress reads them.
    const env = { ...process.env, LC_MESSAGES: 'C', LANGUAGE: 'en', ...command.env };
    const child = spawn(executable, command.args, { env, stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true });
    const tail: string[] = [];
    let pending = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) {
        // "pg_dump: dumping contents of table "public.users"" (pg_dump's messages are English unless LANG says otherwise).
        const table = /dumping contents of table "?([^"]+)"?/.exec(line);
        if (table) onTable(table[1]);
        tail.push(line);
        if (tail.length > 20) tail.shift();
      }
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(new PgDumpError(error.code === 'ENOENT' ? 'missing' : 'failed', `pg_dump could not start: ${error.message}`)),
    );
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new PgDumpError('failed', `pg_dump stopped (${signal ?? `exit code ${code}`}): ${[...tail, pending].filter(Boolean).join(' | ')}`));
    });
  });
}
