// Pure (Node). The command line that issues IT's recovery code for an administrator, shared by the installed
// executable (`"GMAO Atelier" --issue-recovery-code --user <name>`, handled in electron/main/main.ts before any
// window opens) and the development script (`npm run recovery -- --data-dir D --user <name>`).
// It prints the code once on stdout and exits; the code is redeemed in the app under "Code de secours".
// The trust boundary is the operating system: whoever can run this against the data folder can already read and
// write the database file itself. See docs/password-reset-approval.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BACKUP_DIR_NAME, DATABASE_FILE_NAME } from '../kernel/kernel';
import { backupBeforeMigration } from '../backups';
import { migrate } from '../kernel/db/migrate';
import { MIGRATIONS } from '../kernel/db/migrations';
import { openDatabase } from '../kernel/db/open-database';
import { readFlag, resolveDataDir } from '../kernel/platform/data-dir';
import { systemClock, type Clock } from '../kernel/platform/clock';
import { AuditRepository } from '../kernel/audit-trail/audit-repository';
import { RecoveryCodesRepository } from './recovery-codes-repository';
import { UsersRepository } from '../kernel/identity/users-repository';
import { issueRecoveryCode, RecoveryIssueError, type RecoveryRefusal } from './recovery-codes';

export const RECOVERY_FLAG = '--issue-recovery-code';

export interface RecoveryCliOptions {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  /** Where the data lives when neither --data-dir nor GMAO_DATA_DIR says (Electron's userData). */
  defaultDataDir: string;
  nativeBinding?: string;
  clock?: Clock;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

const USAGE = `Usage : --issue-recovery-code --user <identifiant administrateur> [--data-dir <dossier>]`;

const REFUSALS: Record<RecoveryRefusal, string> = {
  unknownUser: "Aucun compte ne porte cet identifiant ou cette adresse e-mail.",
  notAdmin: "Ce compte n'est pas administrateur : un administrateur peut réinitialiser son mot de passe depuis l'application.",
  inactive: 'Ce compte administrateur est désactivé.',
};

/** Returns the process exit code: 0 issued, 1 refused or failed, 2 bad usage. */
export function runRecoveryCli(options: RecoveryCliOptions): number {
  const out = options.out ?? ((line: string) => writeLine(1, line));
  const err = options.err ?? ((line: string) => writeLine(2, line));
  const username = readFlag(options.argv, '--user');
  if (!username) {
    err(USAGE);
    return 2;
  }
  const dataDir = resolveDataDir({ argv: options.argv, env: options.env, defaultDir: options.defaultDataDir });
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  // Never create an empty database in a mistyped folder.
  if (!fs.existsSync(file)) {
    err(`Aucune base de données GMAO Atelier dans ${dataDir}. Indiquez le dossier de données avec --data-dir.`);
    return 1;
  }
  const clock = options.clock ?? systemClock;
  const db = openDatabase({ file, nativeBinding: options.nativeBinding });
  try {
    migrate(db, MIGRATIONS, { backupBeforeMigration: (target) => backupBeforeMigration(target, { backupDir: path.join(dataDir, BACKUP_DIR_NAME), clock }) });
    const issued = issueRecoveryCode(
      {
        db,
        users: new UsersRepository(db),
        recoveryCodes: new RecoveryCodesRepository(db),
        audit: new AuditRepository(db, os.hostname()),
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
    err(error instanceof RecoveryIssueError ? REFUSALS[error.reason] : `Échec : ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    db.close();
  }
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
