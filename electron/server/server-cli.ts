// Node (the site server's entry point, no Electron). `npm run server -- --data-dir D [--database-url postgres://…]
// [--port 8443] [--host 0.0.0.0] [--tls-cert cert.pem --tls-key key.pem] [--name "Serveur atelier"]`; the packaged app
// runs the same with `--server` (electron/main/main.ts). Starts the site server, prints in French where PCs reach it
// and the certificate's fingerprint (to compare on each PC at enrolment), and stops cleanly on SIGTERM/SIGINT.
// `--enrolment-code --user <admin>` prints a one-time enrolment code instead, against the same data, and exits.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeDatabaseUrl, openPostgresDatabase, openSqliteDatabase } from '../core/kernel/db/database';
import { DatabaseTooNewError } from '../core/kernel/db/migrate';
import { migrateDatabase } from '../core/kernel/db/migrate-database';
import { MIGRATIONS } from '../core/kernel/db/migrations';
import { AuditRepository } from '../core/kernel/audit-trail/audit-repository';
import { UsersRepository } from '../core/kernel/identity/users-repository';
import { DATABASE_FILE_NAME } from '../core/kernel/kernel';
import { systemClock } from '../core/kernel/platform/clock';
import { DataLocationError, readFlag, resolveDataLocation } from '../core/kernel/platform/data-dir';
import { resolveDatabaseLocation } from '../core/kernel/platform/database-location';
import type { PdfPrinter } from '../core/kernel/platform/pdf-printer';
import { DEFAULT_SERVER_PORT } from '../core/site/protocol';
import { startSiteServer, type SiteServer } from '../core/site/server/site-server';
import { loadTlsIdentity } from '../core/site/server/tls-identity';
import { WorkstationService } from '../core/site/server/workstation-service';

export const SERVER_FLAG = '--server';

const USAGE = [
  'Usage : gmao-atelier-server --data-dir <dossier> [--database-url postgres://…] [--port 8443] [--host 0.0.0.0]',
  '        [--tls-cert cert.pem --tls-key key.pem] [--name "Serveur atelier"] [--heartbeat-ms 10000]',
  '        --enrolment-code --user <identifiant administrateur>   (affiche un code de raccordement et quitte)',
].join('\n');

export interface SiteServerCliOptions {
  /** Where the data lives when neither --data-dir nor GMAO_DATA_DIR says. */
  defaultDataDir?: string;
  /** The app's resources (the packaged app's process.resourcesPath). */
  resourcesDir?: string;
  appVersion?: string;
  out?: (line: string) => void;
  err?: (line: string) => void;
  /**
   * Prints the OT sheet, labels, inventory sheets and the monthly report for every client PC. The packaged app run
   * with --server passes Electron's printToPDF; `npm run server` under plain Node has none (PRINT_UNAVAILABLE).
   */
  pdfPrinter?: PdfPrinter;
  /** Resolves when the server should stop (default: SIGTERM or SIGINT). Tests pass their own. */
  stopSignal?: (server: SiteServer) => Promise<string>;
}

/** Resolves to the process exit code once the server has stopped (0), or at once on bad usage (2) or failure (1). */
export async function runSiteServerCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, options: SiteServerCliOptions = {}): Promise<number> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = options.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const args = argv.filter((arg) => arg !== SERVER_FLAG);
  if (args.includes('--help') || args.includes('-h')) {
    out(USAGE);
    return 0;
  }
  const portText = readFlag(args, '--port');
  const port = portText === undefined ? DEFAULT_SERVER_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    err(`Port invalide : ${portText}\n${USAGE}`);
    return 2;
  }
  const certFile = readFlag(args, '--tls-cert');
  const keyFile = readFlag(args, '--tls-key');
  if ((certFile === undefined) !== (keyFile === undefined)) {
    err(`--tls-cert et --tls-key vont ensemble (le certificat et sa clé, au format PEM).\n${USAGE}`);
    return 2;
  }
  const tls = certFile && keyFile ? { certFile: path.resolve(certFile), keyFile: path.resolve(keyFile) } : undefined;
  const host = readFlag(args, '--host') ?? '0.0.0.0';
  // How often each PC is pinged (a PC silent for two pings is dropped and its windows lock): tests shorten it.
  const heartbeatText = readFlag(args, '--heartbeat-ms');
  const heartbeatMs = heartbeatText === undefined ? undefined : Number(heartbeatText);
  if (heartbeatMs !== undefined && (!Number.isInteger(heartbeatMs) || heartbeatMs < 100)) {
    err(`--heartbeat-ms invalide : ${heartbeatText}\n${USAGE}`);
    return 2;
  }
  const serverName = readFlag(args, '--name');
  const appVersion = options.appVersion ?? readPackageVersion();
  const resourcesDir = options.resourcesDir ?? path.join(repoRoot(), 'resources');

  let dataDir: string;
  let databaseUrl: string | null;
  try {
    dataDir = resolveDataLocation({ argv: args, env, defaultDir: options.defaultDataDir ?? path.join(os.homedir(), '.gmao-atelier-server') }).dir;
    databaseUrl = resolveDatabaseLocation({ argv: args, env }).url;
  } catch (error) {
    if (error instanceof DataLocationError) {
      err(error.message);
      return 1;
    }
    throw error;
  }

  if (args.includes('--enrolment-code')) return printEnrolmentCode({ args, dataDir, databaseUrl, tls, host, port, out, err });

  let server: SiteServer;
  try {
    server = await startSiteServer({ dataDir, databaseUrl, host, port, serverName, tls, appVersion, resourcesDir, heartbeatMs, core: options.pdfPrinter ? { pdfPrinter: options.pdfPrinter } : undefined });
  } catch (error) {
    err(describeStartFailure(error, port));
    return 1;
  }
  out(`GMAO Atelier — serveur de site ${appVersion} démarré.`);
  out(`Données : ${databaseUrl ? `PostgreSQL ${describeDatabaseUrl(databaseUrl)} (journaux et certificat dans ${dataDir})` : path.join(dataDir, DATABASE_FILE_NAME)}`);
  out('Adresses à saisir sur les postes clients :');
  for (const url of server.urls) out(`  ${url}`);
  out(`Empreinte du certificat (SHA-256), à comparer sur chaque poste lors du raccordement :`);
  out(`  ${groupFingerprint(server.fingerprint)}`);
  if (server.firstStartCode) {
    out('Aucun compte n’existe encore. Raccordez un premier poste avec ce code à usage unique,');
    out('puis créez-y le compte administrateur :');
    out(`  ${server.firstStartCode}`);
    out(`(Aussi écrit dans ${path.join(dataDir, FIRST_START_FILE)}, lisible par le compte du service seulement.)`);
  }
  writeFirstStartFile(dataDir, server);
  out('Arrêt : Ctrl+C (ou SIGTERM).');

  const signal = await (options.stopSignal ?? waitForSignal)(server);
  out(`${signal} reçu : arrêt du serveur (les postes connectés sont verrouillés).`);
  try {
    await server.close();
  } catch (error) {
    err(`Arrêt incomplet : ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  out('Serveur arrêté.');
  return 0;
}

async function printEnrolmentCode(context: {
  args: readonly string[];
  dataDir: string;
  databaseUrl: string | null;
  tls: { certFile: string; keyFile: string } | undefined;
  host: string;
  port: number;
  out: (line: string) => void;
  err: (line: string) => void;
}): Promise<number> {
  const username = readFlag(context.args, '--user');
  if (!username) {
    context.err(`--enrolment-code demande --user <identifiant administrateur>.\n${USAGE}`);
    return 2;
  }
  const identity = await loadTlsIdentity({ dataDir: context.dataDir, tls: context.tls });
  const database = context.databaseUrl
    ? await openPostgresDatabase({ url: context.databaseUrl, poolSize: 1 })
    : openSqliteDatabase({ file: path.join(context.dataDir, DATABASE_FILE_NAME) });
  try {
    await migrateDatabase(database, MIGRATIONS, {});
    const users = new UsersRepository(database.kysely);
    const user = await users.findByLogin(username);
    if (!user || user.role !== 'admin' || !user.isActive) {
      context.err('Aucun compte administrateur actif ne porte cet identifiant.');
      return 1;
    }
    const service = new WorkstationService({ database, audit: new AuditRepository(database.kysely, os.hostname()), clock: systemClock });
    const code = await service.createCode(user.id, { fingerprint: identity.fingerprint, serverUrls: [] });
    context.out(`Code de raccordement : ${code.code}`);
    context.out(`Valable une seule fois, jusqu'à ${new Date(code.expiresAt).toLocaleTimeString('fr-FR')} (15 minutes).`);
    context.out(`Empreinte du certificat à comparer sur le poste : ${groupFingerprint(identity.fingerprint)}`);
    return 0;
  } finally {
    await database.close();
  }
}

/** `AB:CD:EF:…` in groups of four bytes, easier to read aloud and compare. */
export function groupFingerprint(fingerprint: string): string {
  const bytes = fingerprint.split(':');
  const groups: string[] = [];
  for (let i = 0; i < bytes.length; i += 4) groups.push(bytes.slice(i, i + 4).join(':'));
  return groups.join('  ');
}

function describeStartFailure(error: unknown, port: number): string {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'EADDRINUSE') return `Le port ${port} est déjà utilisé : un autre serveur tourne-t-il déjà ? Choisissez un autre port avec --port.`;
  if (code === 'EACCES') return `Le port ${port} est réservé : choisissez un port au-dessus de 1024 avec --port, ou lancez le service avec les droits nécessaires.`;
  if (code === 'ENOENT') return `Fichier introuvable : ${(error as { path?: string }).path ?? ''} (vérifiez --tls-cert et --tls-key).`;
  if (error instanceof DatabaseTooNewError) {
    return `Cette base de données a été créée par une version plus récente de GMAO Atelier (schéma ${error.found}, cette version gère jusqu'au schéma ${error.supported}). Mettez le serveur à jour.`;
  }
  return `Le serveur n'a pas pu démarrer : ${error instanceof Error ? error.message : String(error)}`;
}

function waitForSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      resolve(signal);
    };
    const onTerm = () => stop('SIGTERM');
    const onInt = () => stop('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
  });
}

/**
 * The first-start code in the data folder too: a Windows boot task (or a service manager) has no console to read it
 * from. Owner-only (the service's account, and administrators on Windows through the folder's ACL); removed as soon
 * as a start finds an account, so a code that no longer means anything does not linger.
 */
export const FIRST_START_FILE = 'premier-raccordement.txt';

function writeFirstStartFile(dataDir: string, server: SiteServer): void {
  const file = path.join(dataDir, FIRST_START_FILE);
  if (!server.firstStartCode) {
    fs.rmSync(file, { force: true });
    return;
  }
  const text = [
    'GMAO Atelier — premier raccordement au serveur de site',
    '',
    'Aucun compte n’existe encore. Raccordez un premier poste avec ce code à usage unique (valable tant que le',
    'serveur tourne), puis créez-y le compte administrateur :',
    `  ${server.firstStartCode}`,
    '',
    'Adresses à saisir sur le poste :',
    ...server.urls.map((url) => `  ${url}`),
    'Empreinte du certificat (SHA-256), à comparer sur le poste :',
    `  ${groupFingerprint(server.fingerprint)}`,
    '',
  ].join('\n');
  fs.writeFileSync(file, text, { encoding: 'utf8', mode: 0o600 });
}

function repoRoot(): string {
  // tsx runs this file from electron/server/; bundled into the app, the caller passes resourcesDir and appVersion.
  // Bundled as CommonJS, esbuild leaves import.meta empty: __dirname is there instead.
  const here = import.meta.url ? path.dirname(fileURLToPath(import.meta.url)) : __dirname;
  return path.resolve(here, '../..');
}

function readPackageVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

// Run directly (`tsx electron/server/server-cli.ts …`): not when imported by the packaged app's main.
if (import.meta.url && process.argv[1] && path.resolve(process.argv[1]) === path.resolve(fileURLToPath(import.meta.url))) {
  void runSiteServerCli(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
