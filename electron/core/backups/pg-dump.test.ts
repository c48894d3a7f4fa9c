// Node (tests, no database). How « Exporter (pg_dump) » builds pg_dump's command from the database URL: the
// password never on the command line (any user of the PC can read it there), only in PGPASSWORD; and how
// pg_dump is found on the PATH.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findPgDump, pgDumpCommand, PgDumpError, runPgDump } from './pg-dump';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('pgDumpCommand', () => {
  it('passes host, port, user and database as options, and the password only through PGPASSWORD', () => {
    const command = pgDumpCommand('postgres://gmao%20site:s%C3%A9cret%3Bx@db.usine.local:5433/gmao_atelier?sslmode=require', {
      schema: 'public',
      file: '/sauvegardes/export.dump.partial',
    });
    expect(command.args).toEqual([
      '--host=db.usine.local',
      '--port=5433',
      '--username=gmao site',
      '--dbname=gmao_atelier',
      '--schema="public"',
      '--format=custom',
      '--file=/sauvegardes/export.dump.partial',
      '--no-password',
      '--verbose',
    ]);
    expect(command.env).toEqual({ PGPASSWORD: 'sécret;x', PGSSLMODE: 'require' });
    expect(command.args.join(' ')).not.toMatch(/s(é|%C3%A9)cret/);
  });

  it('sets no PGPASSWORD when the URL has none (a .pgpass or the environment may hold it), and takes a socket folder as host', () => {
    const command = pgDumpCommand('postgresql://gmao@localhost/gmao_atelier?host=/var/run/postgresql', { schema: 'weird"name', file: 'x.dump' });
    expect(command.env).toEqual({});
    expect(command.args).toContain('--host=/var/run/postgresql');
    expect(command.args).toContain('--schema="weird""name"');
    expect(pgDumpCommand('postgres://gmao@[::1]:5432/gmao', { schema: 'public', file: 'x.dump' }).args[0]).toBe('--host=::1');
  });
});

describe('findPgDump', () => {
  it('finds an executable pg_dump in a PATH folder, skipping folders without one and files that cannot run', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-path-'));
    const notExecutable = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-path-'));
    const good = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-path-'));
    dirs.push(empty, notExecutable, good);
    fs.writeFileSync(path.join(notExecutable, 'pg_dump'), '', { mode: 0o644 });
    fs.writeFileSync(path.join(good, 'pg_dump'), '#!/bin/sh\n', { mode: 0o755 });
    const PATH = [empty, notExecutable, good].join(path.delimiter);
    expect(findPgDump({ PATH }, 'linux')).toBe(path.join(good, 'pg_dump'));
    expect(findPgDump({ PATH: [empty, notExecutable].join(path.delimiter) }, 'linux')).toBeNull();
    expect(findPgDump({}, 'linux')).toBeNull();
  });
});

describe.runIf(process.platform !== 'win32')('runPgDump', () => {
  /** A stand-in executable that records what a pg_dump would be given: its arguments and PGPASSWORD. */
  function recorder(dir: string, exitCode = 0): string {
    const script = path.join(dir, 'pg_dump');
    fs.writeFileSync(
      script,
      `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/args"\nprintf '%s' "$PGPASSWORD" > "${dir}/password"\n` +
        `echo 'pg_dump: dumping contents of table "public.users"' >&2\necho 'pg_dump: dumping contents of table "public.settings"' >&2\nexit ${exitCode}\n`,
      { mode: 0o755 },
    );
    return script;
  }

  it('gives the password to the child through its environment only, and reports each table it dumps', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-pgdump-'));
    dirs.push(dir);
    const tables: string[] = [];
    await runPgDump(recorder(dir), pgDumpCommand('postgres://gmao:mot-de-passe-secret@db:5432/gmao', { schema: 'public', file: 'x.dump' }), (table) => tables.push(table));
    expect(fs.readFileSync(path.join(dir, 'password'), 'utf8')).toBe('mot-de-passe-secret');
    const args = fs.readFileSync(path.join(dir, 'args'), 'utf8');
    expect(args).toContain('--host=db');
    expect(args).not.toContain('mot-de-passe-secret');
    expect(tables).toEqual(['public.users', 'public.settings']);
  });

  it('rejects with pg_dump’s last words when it fails, and says when it is missing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-pgdump-'));
    dirs.push(dir);
    const command = pgDumpCommand('postgres://gmao@db/gmao', { schema: 'public', file: 'x.dump' });
    await expect(runPgDump(recorder(dir, 1), command)).rejects.toMatchObject({ reason: 'failed', message: expect.stringContaining('dumping contents of table') });
    const missing = await runPgDump(path.join(dir, 'absent', 'pg_dump'), command).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(PgDumpError);
    expect(missing).toMatchObject({ reason: 'missing' });
  });
});
