// Pure (Node). The command line that issues IT's recovery code for an administrator, shared by the installed
// executable (`"GMAO Atelier" --issue-recovery-code --user <name>`, handled in electron/main/main.ts before any
// window opens) and the development script (`npm run recovery -- --data-dir D --user <name>`).
// It prints the code once on stdout and exits; the code is redeemed in the app under "Code de secours".
// The data: what the app itself would open (kernel/platform/database-location.ts): the SQLite file of the data
// folder by default, or the site's PostgreSQL database when a URL is given (`--database-url postgres://…`,
// GMAO_DATABASE_URL, or "databaseUrl" in gmao-atelier.json). Either way it is migrated first, like the app does.
// The trust boundary is the operating system: whoever can run this against the data folder can already read and
// write the database file itself (or holds the database's credentials). See docs/password-reset-approval.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BACKUP_DIR_NAME, DATABASE_FILE_NAME } from '../kernel/kernel';
import { backupBeforeMigration } from '../backups';
import { DatabaseUnreachableError, openPostgresDatabase, openSqliteDatabase, type Database } from '../kernel/db/database';
import { migrateDatabase } from '../kernel/db/migrate-database';
import type { Db } from '../kernel/db/open-database';
import { MIGRATIONS } from '../kernel/db/migrations';
import { DataLocationError, readFlag, resolveDataLocation } from '../kernel/platform/data-dir';
import { resolveDatabaseLocation } from '../kernel/platform/database-location';
import { systemClock, type Clock } from '../kernel/platform/clock';
import { AuditRepository } from '../kernel/audit-trail/audit-repository';
import { UsersRepository } from '../kernel/identity/users-repository';
import { issueRecoveryCode, RecoveryIssueError, type RecoveryRefusal } from './recovery-codes';

export const RECOVERY_FLAG = '--issue-recovery-code';

export interface RecoveryCliOptions {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  /** Where the data lives when neither --data-dir nor GMAO_DATA_DIR says (Electron's userData). */
  defaultDataDir: string;
  /** gmao-atelier.json candidates beside the executable (the installed app): the same folder and engine as the app. */
  configFiles?: readonly string[];
  readFile?: (file: string) => string | null;
  nativeBinding?: string;
  clock?: Clock;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

const USAGE = `Usage : --issue-recovery-code --user <identifiant administrateur> [--data-dir <dossier>] [--database-url postgres://…]`;

const REFUSALS: Record<RecoveryRefusal, string> = {
  unknownUser: "Aucun compte ne porte cet identifiant ou cette adresse e-mail.",
  notAdmin: "Ce compte n'est pas administrateur : un administrateur peut réinitialiser son mot de passe depuis l'application.",
  inactive: 'Ce compte administrateur est désactivé.',
};

/** Resolves to the process exit code: 0 issued, 1 refused or failed, 2 bad usage. Never rejects. */
export async function runRecoveryCli(options: RecoveryCliOptions): Promise<number> {
  const out = options.out ?? ((line: string) => writeLine(1, line));
  const err = options.err ?? ((line: string) => writeLine(2, line));
  const username = readFlag(options.argv, '--user');
  if (!username) {
    err(USAGE);
    return 2;
  }
  const clock = options.clock ?? systemClock;
  let database: Database | null = null;
  try {
    const opened = await openData(options, clock, err);
    if (typeof opened === 'number') return opened;
    database = opened.database;
    await migrateDatabase(database, MIGRATIONS, { backupBeforeMigration: opened.backupBeforeMigration });
    const issued = await issueRecoveryCode(
      {
        database,
        users: new UsersRepository(database.kysely),
        audit: new AuditRepository(database.kysely, os.hostname()),
        clock,
      },
      { username, osUser: currentOsUser() },
    );
    const until = new Date(issued.expiresAt).toLocaleString('fr-FR');
    out(`Code de secours pour ${issued.displayName} (${issued.username}) : ${issued.code}`);
    out(`Valable une seule fois, jusqu'au ${until} (30 minutes), 5 essais au plus. Il remplace tout code précédent.`);
    out(`Dans l'application : « Mot de passe oublié ? » puis « Code de secours (service informatique) ».`);
    return 0;
  } catch (error) {
    // A refused data folder (a network share…) or an unreachable server: their French message, not a stack.
    if (error instanceof RecoveryIssueError) err(REFUSALS[error.reason]);
    else if (error instanceof DataLocationError || error instanceof DatabaseUnreachableError) err(error.message);
    else err(`Échec : ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await database?.close().catch(() => undefined);
  }
}

/** The database the app itself would use: PostgreSQL when a URL is given, else the data folder's SQLite file. */
async function openData(
  options: RecoveryCliOptions,
  clock: Clock,
  err: (line: string) => void,
): Promise<number | { database: Database; backupBeforeMigration?: (db: Db) => string }> {
  const { configFiles, readFile } = options;
  const { url } = resolveDatabaseLocation({ argv: options.argv, env: options.env, configFiles, readFile });
  if (url) {
    // PostgreSQL's copies before a migration are the server's job (its own backups), as in the app.
    return { database: await openPostgresDatabase({ url, poolSize: 1 }) };
  }
  const dataDir = resolveDataLocation({ argv: options.argv, env: options.env, defaultDir: options.defaultDataDir, configFiles, readFile }).dir;
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  // Never create an empty database in a mistyped folder.
  if (!fs.existsSync(file)) {
    err(`Aucune base de données GMAO Atelier dans ${dataDir}. Indiquez le dossier de données avec --data-dir.`);
    return 1;
  }
  return {
    database: openSqliteDatabase({ file, nativeBinding: options.nativeBinding }),
    backupBeforeMigration: (db) => backupBeforeMigration(db, { backupDir: path.join(dataDir, BACKUP_DIR_NAME), clock }),
  };
}

/** Synchronous, so nothing is lost when Electron exits right after (app.exit does not flush streams). */
function writeLine(fd: 1 | 2, line: string): void {
  try {
    fs.writeSync(fd, `${line}\n`);
  } catch {
    (fd === 1 ? process.stdout : process.stderr).write(`${line}\n`);
  }
}

function currentOsUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'inconnu';
  }
}
