// Node (dev only). `npm run dev:web -- --port P --data-dir D [--host 127.0.0.1]`
// Runs the app's core under Node and serves the production renderer to any local browser.
// `--client [--server https://host:8443]`: plays a client PC of a site server instead (issue 16; the data folder then
// holds only the PC's enrolment and queue), e.g. beside `npm run server -- --data-dir S`.
import os from 'node:os';
import path from 'node:path';
import { DatabaseTooNewError } from '../../electron/core/kernel/db/migrate';
import { readFlag, resolveDataLocation } from '../../electron/core/kernel/platform/data-dir';
import { resolveDatabaseLocation } from '../../electron/core/kernel/platform/database-location';
import { describeDatabaseUrl } from '../../electron/core/kernel/db/database';
import { startHarness } from './harness-server';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const port = Number(readFlag(argv, '--port') ?? 5173);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid --port: ${readFlag(argv, '--port')}`);
  const host = readFlag(argv, '--host') ?? '127.0.0.1';
  const { dir: dataDir, mode: dataMode } = resolveDataLocation({ argv, env: process.env, defaultDir: path.join(os.homedir(), '.gmao-atelier-web') });

  const rendererDir = readFlag(argv, '--renderer-dir');
  if (argv.includes('--client')) {
    const serverUrl = readFlag(argv, '--server') ?? null;
    const harness = await startHarness({ dataDir, port, host, rendererDir: rendererDir && path.resolve(rendererDir), client: { serverUrl } });
    console.log(`GMAO Atelier (harness, poste client) : ${harness.url}`);
    console.log(`Serveur de site : ${harness.client.status().serverUrl ?? 'à raccorder depuis l’écran de raccordement'} ; dossier du poste : ${dataDir}`);
    stopOnSignals(() => harness.close());
    return;
  }
  const { url: databaseUrl } = resolveDatabaseLocation({ argv, env: process.env });
  const harness = await startHarness({ dataDir, dataMode, port, host, databaseUrl, rendererDir: rendererDir && path.resolve(rendererDir) });
  console.log(`GMAO Atelier (harness) : ${harness.url}`);
  console.log(`Données : ${databaseUrl ? `PostgreSQL ${describeDatabaseUrl(databaseUrl)} (journaux et clés dans ${dataDir})` : dataDir}`);

  stopOnSignals(() => harness.close());
}

function stopOnSignals(close: () => Promise<void>): void {
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal} reçu, arrêt.`);
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof DatabaseTooNewError) {
    console.error(`Cette base de données a été créée par une version plus récente de GMAO Atelier (schéma ${error.found}, cette version gère jusqu'au schéma ${error.supported}). Mettez l'application à jour.`);
  } else {
    console.error(error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
