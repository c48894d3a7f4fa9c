// Node (tests and bench). A PostgreSQL cluster of this test's own (build/scripts/pg-cluster.mjs: Debian's binaries, a
// temp folder, loopback), which the test may stop and start again while a site server is using it — never the shared
// cluster everyone else's tests run on. `restart({ downMs })` stops it (fast: sessions get 57P01; immediate: a crash,
// the server recovers from WAL), keeps it down for a while so calls meet a refused connection, then starts it again
// on the same port with the same settings (read back from postmaster.opts, so they cannot drift from the script).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { waitUntil } from './wait';

interface PgClusterModule {
  findPostgresBin(): string | null;
  startCluster(): Promise<{ url: string; dir: string; stop(): void }>;
}
const PG_CLUSTER_SCRIPT = new URL('../../build/scripts/pg-cluster.mjs', import.meta.url).href;

export type StopMode = 'fast' | 'immediate';

export interface PrivateCluster {
  url: string;
  dir: string;
  /** Is the postmaster up (pg_ctl status)? */
  isRunning(): boolean;
  stopServer(mode?: StopMode): void;
  startServer(): Promise<void>;
  /** stop → wait `downMs` → start; resolves once it accepts queries again. */
  restart(options?: { mode?: StopMode; downMs?: number; onDown?: () => void | Promise<void> }): Promise<void>;
  /** Stops it and removes its folder. Safe to call twice. */
  destroy(): void;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function runAsOwner(bin: string, args: string[]): { status: number | null; out: string } {
  // initdb made the cluster as `postgres` when we are root (it refuses root): its pg_ctl must run as that user too.
  const command = isRoot() ? 'runuser' : bin;
  const fullArgs = isRoot() ? ['-u', 'postgres', '--', bin, ...args] : args;
  const result = spawnSync(command, fullArgs, { encoding: 'utf8' });
  if (result.error) throw new Error(`${command} could not start: ${result.error.message}`);
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

/** The binaries' folder, or null when this machine has no PostgreSQL server (the tests then skip, saying why). */
export async function postgresBinaries(): Promise<string | null> {
  const cluster = (await import(PG_CLUSTER_SCRIPT)) as PgClusterModule;
  return cluster.findPostgresBin();
}

export async function startPrivateCluster(): Promise<PrivateCluster> {
  const module = (await import(PG_CLUSTER_SCRIPT)) as PgClusterModule;
  const bin = module.findPostgresBin();
  if (!bin) throw new Error('No PostgreSQL server binaries (Debian package "postgresql")');
  const started = await module.startCluster();
  const data = path.join(started.dir, 'data');
  const pgCtl = path.join(bin, 'pg_ctl');
  // "…/postgres" "-D" "…/data" "-p" "5433" "-k" "…" "-c" "listen_addresses=127.0.0.1" …: every argument but the binary
  // and -D, still quoted, goes back through pg_ctl's -o on start.
  const opts = fs.readFileSync(path.join(data, 'postmaster.opts'), 'utf8').trim();
  const quoted = opts.match(/"[^"]*"/g) ?? [];
  const serverArgs: string[] = [];
  for (let i = 0; i < quoted.length; i++) {
    if (quoted[i] === '"-D"') {
      i += 1;
      continue;
    }
    serverArgs.push(quoted[i]);
  }
  let destroyed = false;

  const isRunning = () => runAsOwner(pgCtl, ['-D', data, 'status']).status === 0;
  const stopServer = (mode: StopMode = 'fast') => {
    const result = runAsOwner(pgCtl, ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
    if (result.status !== 0) throw new Error(`pg_ctl stop failed: ${result.out}`);
  };
  const startServer = async () => {
    const result = runAsOwner(pgCtl, ['-D', data, '-o', serverArgs.join(' '), '-l', path.join(started.dir, 'server.log'), '-w', '-t', '60', 'start']);
    if (result.status !== 0) throw new Error(`pg_ctl start failed: ${result.out}`);
    await waitUntil('PostgreSQL to accept queries', async () => {
      const client = new pg.Client({ connectionString: started.url });
      try {
        await client.connect();
        await client.query('select 1');
        return true;
      } finally {
        await client.end().catch(() => undefined);
      }
    }, { timeoutMs: 60_000, intervalMs: 100 });
  };

  return {
    url: started.url,
    dir: started.dir,
    isRunning,
    stopServer,
    startServer,
    async restart(options = {}) {
      stopServer(options.mode ?? 'fast');
      await options.onDown?.();
      if (options.downMs) await new Promise((resolve) => setTimeout(resolve, options.downMs));
      await startServer();
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      started.stop();
    },
  };
}
