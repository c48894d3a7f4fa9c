// Node (tests and `npm run bench`, never packaged). Where a PostgreSQL server is for this run: the URL named by an
// environment variable, else a throwaway cluster from Debian's server binaries (build/scripts/pg-cluster.mjs, the
// same one `npm test` starts), else the reason there is none. Plus one schema per test or bench core, made and
// dropped with the `pg` client, so runs sharing a server never see each other's rows.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface PostgresServer {
  url: string;
  /** Where the URL came from, for the run's log: an environment variable's name, or "throwaway cluster". */
  source: string;
  /** Stops the throwaway cluster (nothing for a server named by the environment). Safe to call twice. */
  stop(): void;
}

interface PgClusterModule {
  findPostgresBin(): string | null;
  startCluster(): Promise<{ url: string; dir: string; stop(): void }>;
}

// A plain .mjs build script without type declarations: loaded by URL so TypeScript takes it as the interface above.
const PG_CLUSTER_SCRIPT = new URL('../../build/scripts/pg-cluster.mjs', import.meta.url).href;

/** A server to use, or why there is none (no URL set and no server binaries, or the cluster failed to start). */
export async function acquirePostgres(envNames: readonly string[]): Promise<PostgresServer | { reason: string }> {
  for (const name of envNames) {
    const url = process.env[name]?.trim();
    if (url) return { url, source: name, stop: () => undefined };
  }
  const cluster = (await import(PG_CLUSTER_SCRIPT)) as PgClusterModule;
  if (!cluster.findPostgresBin()) {
    return { reason: `no PostgreSQL: ${envNames.join(' / ')} not set, and no server binaries to start a throwaway cluster (Debian package "postgresql")` };
  }
  try {
    const started = await cluster.startCluster();
    let stopped = false;
    return {
      url: started.url,
      source: 'throwaway cluster',
      stop: () => {
        if (stopped) return;
        stopped = true;
        started.stop();
      },
    };
  } catch (error) {
    return { reason: `the throwaway PostgreSQL cluster did not start: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty schema (`<prefix>_<random>`): the core's migrations create their tables in it. */
export async function createSchema(url: string, prefix: string): Promise<string> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid schema prefix: ${prefix}`);
  await withClient(url, (client) => client.query(`create schema ${schema}`));
  return schema;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid schema name: ${schema}`);
  await withClient(url, (client) => client.query(`drop schema if exists ${schema} cascade`));
}
