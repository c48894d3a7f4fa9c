// Pure (Node). IT's way back in when the last administrator has forgotten their password: a one-time code issued
// on the computer itself (the command line, see recovery-cli.ts), never from the UI. Whoever can run it can
// already write to the data folder, and so could replace the whole database: the code gives them no new power,
// and unlike editing the file it is audited. The code works for 30 minutes, once, and dies after 5 wrong tries;
// a new code replaces any unused one. It is redeemed on "Code de secours" (ApprovalService.completeRecovery).
import type { Database } from '../kernel/db/database';
import type { Clock } from '../kernel/platform/clock';
import type { AuditRepository } from '../kernel/audit-trail/audit-repository';
import { RecoveryCodesRepository } from './recovery-codes-repository';
import type { UsersRepository } from '../kernel/identity/users-repository';
import { formatReferenceCode } from '../../../shared/approval/reference-code';
import { generateReferenceCode, hashReferenceCode } from './reference-code';

export const RECOVERY_CODE_LIFETIME_MS = 30 * 60_000;

export type RecoveryRefusal = 'unknownUser' | 'notAdmin' | 'inactive';

export class RecoveryIssueError extends Error {
  constructor(readonly reason: RecoveryRefusal) {
    super(`Cannot issue a recovery code: ${reason}`);
    this.name = 'RecoveryIssueError';
  }
}

export interface IssuedRecoveryCode {
  /** Shown once (printed by the command line); only its hash is stored. */
  code: string;
  expiresAt: number;
  username: string;
  displayName: string;
}

export interface IssueRecoveryCodeDeps {
  database: Database;
  users: UsersRepository;
  audit: AuditRepository;
  clock: Clock;
  /** Default: on `database`. */
  recoveryCodes?: RecoveryCodesRepository;
}

export async function issueRecoveryCode(deps: IssueRecoveryCodeDeps, input: { username: string; osUser: string }): Promise<IssuedRecoveryCode> {
  const user = await deps.users.findByLogin(input.username.trim());
  if (!user) throw new RecoveryIssueError('unknownUser');
  // Only for administrators: anyone else has an administrator to ask.
  if (user.role !== 'admin') throw new RecoveryIssueError('notAdmin');
  if (!user.isActive) throw new RecoveryIssueError('inactive');
  const canonical = generateReferenceCode(RECOVERY_CODE_LIFETIME_MS);
  const codeHash = hashReferenceCode(canonical);
  const now = deps.clock.now();
  const expiresAt = now + RECOVERY_CODE_LIFETIME_MS;
  const recoveryCodes = deps.recoveryCodes ?? new RecoveryCodesRepository(deps.database.kysely);
  await deps.database.transaction(async (trx) => {
    const replaced = await recoveryCodes.in(trx).cancelOpenForUser(user.id, now);
    const id = await recoveryCodes.in(trx).insert(user.id, codeHash, now, expiresAt);
    await deps.audit
      .in(trx)
      .append({ eventType: 'recovery.code_issued', subjectUserId: user.id, details: { recoveryCodeId: id, expiresAt, osUser: input.osUser, replaced } }, now);
  });
  return { code: formatReferenceCode(canonical), expiresAt, username: user.username, displayName: user.displayName };
}
