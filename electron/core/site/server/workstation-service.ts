// Node (site server). The client PCs a site server trusts: one-time enrolment codes (12 characters, 15 minutes,
// hashed at rest, single use, throttled per address), the credential each enrolled PC receives (only its SHA-256 is
// kept), authentication of a connecting PC, the list and revocation. The admin channels (../site-server-handlers.ts)
// and the listener (./site-server.ts) share this one service, so the page and the wire cannot disagree.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { EnrolmentCode, WorkstationView } from '../../../../shared/site/contract';
import { WORKSTATION_NAME_MAX_LENGTH } from '../../../../shared/site/contract';
import type { AuditRepository } from '../../kernel/audit-trail/audit-repository';
import type { Database } from '../../kernel/db/database';
import type { UsersRepository } from '../../kernel/identity/users-repository';
import { AppError } from '../../kernel/platform/app-error';
import type { Clock } from '../../kernel/platform/clock';
import { SUPPORTED_PROTOCOLS, type EnrolRequest, type EnrolResponse, type SiteWireErrorCode } from '../protocol';
import { WindowCounterRepository } from '../../kernel/db/window-counter-repository';
import { WorkstationsRepository, type WorkstationRecord } from './workstations-repository';

export const ENROLMENT_CODE_TTL_MS = 15 * 60_000;
/** Failures per source address: a person mistypes a code once or twice; a script guessing codes is stopped early. */
export const DEFAULT_ENROLMENT_LIMIT: { max: number; windowMs: number } = { max: 10, windowMs: 15 * 60_000 };
/** No 0/O/1/I: read aloud or copied from a screen without doubt (ENROLMENT_CODE_PATTERN). 32 letters: no bias. */
export const ENROLMENT_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A refusal on the wire: its code for the client, and the HTTP status that carries it. */
export class SiteRefusalError extends Error {
  constructor(
    readonly code: SiteWireErrorCode,
    readonly status: number,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'SiteRefusalError';
  }
}

export type AuthenticationResult =
  | { ok: true; workstation: WorkstationRecord }
  | { ok: false; code: 'WORKSTATION_UNKNOWN' | 'WORKSTATION_REVOKED'; workstationId: number | null; workstationName: string | null };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** `ABCD-EFGH-JKLM`, `abcdefghjklm`, `ABCD EFGH JKLM` → `ABCDEFGHJKLM`; null when it cannot be a code. */
export function normaliseEnrolmentCode(code: string): string | null {
  const compact = code.toUpperCase().replace(/[\s-]/g, '');
  return compact.length === 12 && [...compact].every((c) => ENROLMENT_CODE_ALPHABET.includes(c)) ? compact : null;
}

export function generateEnrolmentCode(): string {
  const chars = Array.from({ length: 12 }, () => ENROLMENT_CODE_ALPHABET[randomInt(ENROLMENT_CODE_ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

export class WorkstationService {
  private readonly repository: WorkstationsRepository;
  private readonly counters: WindowCounterRepository;
  /**
   * A brand-new server has no account, so no administrator to create a code: its console prints a first-start code
   * (kept in memory only, single use, good while no account exists). The PC enrolled with it creates the first
   * administrator (auth:setupFirstAdmin); whoever reads the server's console is trusted, as with IT's recovery code.
   */
  private bootstrap: { hash: string; used: boolean } | null = null;

  constructor(
    private readonly deps: {
      database: Database;
      audit: AuditRepository;
      clock: Clock;
      limit?: { max: number; windowMs: number };
      /** Needed for the first-start code only (is there still no account?). */
      users?: UsersRepository;
    },
  ) {
    this.repository = new WorkstationsRepository(deps.database.kysely);
    this.counters = new WindowCounterRepository(deps.database.kysely);
  }

  /** The first-start code (see `bootstrap`), when the server has no account yet; null otherwise. */
  async createBootstrapCode(): Promise<string | null> {
    if (!this.deps.users || (await this.deps.users.count()) > 0) return null;
    const code = generateEnrolmentCode();
    this.bootstrap = { hash: sha256(normaliseEnrolmentCode(code) as string), used: false };
    return code;
  }

  /** A new one-time code; only its hash is stored, the code itself is shown once. Audited. */
  async createCode(createdBy: number, server: { fingerprint: string; serverUrls: string[] }): Promise<EnrolmentCode> {
    const now = this.deps.clock.now();
    const code = generateEnrolmentCode();
    const expiresAt = now + ENROLMENT_CODE_TTL_MS;
    await this.deps.database.transaction(async (trx) => {
      // Housekeeping on the way: codes expired a day ago are of no use to anyone.
      await this.repository.in(trx).deleteCodesBefore(now - 24 * 3_600_000);
      await this.repository.in(trx).insertCode({ codeHash: sha256(normaliseEnrolmentCode(code) as string), createdBy, createdAt: now, expiresAt });
      await this.deps.audit.in(trx).append({ eventType: 'site.enrolment-code.created', actorUserId: createdBy, details: { expiresAt } }, now);
    });
    return { code, expiresAt, fingerprint: server.fingerprint, serverUrls: server.serverUrls };
  }

  /**
   * A PC presents a code with its name: it gets its credential (`<id>.<secret>`, the secret 32 random bytes). Refused
   * (SiteRefusalError): too many attempts from that address, a fingerprint that is not this server's (the person
   * compared the wrong screen, or someone sits in between), an unknown/expired/used code, a protocol we don't speak.
   */
  async enrol(input: unknown, context: { address: string | null; fingerprint: string }): Promise<EnrolResponse> {
    const request = parseEnrolRequest(input);
    const now = this.deps.clock.now();
    const limit = this.deps.limit ?? DEFAULT_ENROLMENT_LIMIT;
    // Failures only are counted (one atomic upsert each): a PC enrolling at the first try leaves no trace there.
    const throttleKey = `SITE-ENROL:${context.address ?? 'unknown'}`;
    const waitUntil = await this.counters.blockedUntil(throttleKey);
    if (waitUntil !== null && waitUntil > now) {
      throw new SiteRefusalError('ENROLMENT_THROTTLED', 429, 'Too many enrolment attempts from this address', Math.max(1, Math.ceil((waitUntil - now) / 1000)));
    }
    const failed = async () => {
      // The failure that reaches `max` starts the wait (the repository blocks past its `max`).
      await this.counters.hit(throttleKey, now, limit.windowMs, limit.max - 1);
    };
    if (!SUPPORTED_PROTOCOLS.includes(request.protocol)) {
      await this.auditRefusal('version', { address: context.address, workstationName: request.workstationName, appVersion: request.appVersion });
      throw new SiteRefusalError('VERSION_UNSUPPORTED', 426, 'Protocol version not supported');
    }
    if (request.fingerprint.toUpperCase() !== context.fingerprint) {
      await failed();
      await this.auditRefusal('pin-mismatch', { address: context.address, workstationName: request.workstationName, appVersion: request.appVersion });
      throw new SiteRefusalError('ENROLMENT_PIN_MISMATCH', 403, 'The fingerprint is not this server certificate');
    }
    const code = normaliseEnrolmentCode(request.code);
    const secret = randomBytes(32).toString('base64url');
    const bootstrap = this.bootstrap;
    if (code && bootstrap && !bootstrap.used && sha256(code) === bootstrap.hash) {
      // Spent before anything is awaited: two PCs presenting it at once cannot both get it.
      bootstrap.used = true;
      if (this.deps.users && (await this.deps.users.count()) === 0) {
        const id = await this.deps.database.transaction(async (trx) => {
          const id = await this.repository.in(trx).insert({
            name: request.workstationName,
            credentialHash: sha256(secret),
            enrolledBy: null,
            enrolledAt: now,
            appVersion: request.appVersion,
            address: context.address,
          });
          await this.deps.audit.in(trx).append(
            { eventType: 'site.workstation.enrolled', subjectLabel: request.workstationName, details: { workstationId: id, address: context.address, appVersion: request.appVersion, firstStartCode: true } },
            now,
          );
          return id;
        });
        return { workstationId: id, workstationName: request.workstationName, credential: `${id}.${secret}` };
      }
    }
    const enrolled = code
      ? await this.deps.database.transaction(async (trx) => {
          const claimed = await this.repository.in(trx).claimCode(sha256(code), now);
          if (!claimed) return null;
          const id = await this.repository.in(trx).insert({
            name: request.workstationName,
            credentialHash: sha256(secret),
            enrolledBy: claimed.createdBy,
            enrolledAt: now,
            appVersion: request.appVersion,
            address: context.address,
          });
          await this.repository.in(trx).linkCode(claimed.id, id);
          await this.deps.audit.in(trx).append(
            {
              eventType: 'site.workstation.enrolled',
              actorUserId: claimed.createdBy,
              subjectLabel: request.workstationName,
              details: { workstationId: id, address: context.address, appVersion: request.appVersion },
            },
            now,
          );
          return id;
        })
      : null;
    if (enrolled === null) {
      await failed();
      await this.auditRefusal('enrolment-code-invalid', { address: context.address, workstationName: request.workstationName, appVersion: request.appVersion });
      throw new SiteRefusalError('ENROLMENT_CODE_INVALID', 403, 'Unknown, expired or used enrolment code');
    }
    return { workstationId: enrolled, workstationName: request.workstationName, credential: `${enrolled}.${secret}` };
  }

  /** The `authorization` header of a connecting PC: `Workstation <id>.<secret>`. */
  async authenticate(header: string | undefined): Promise<AuthenticationResult> {
    const match = /^Workstation (\d{1,15})\.([A-Za-z0-9_-]{16,128})$/.exec(header?.trim() ?? '');
    if (!match) return { ok: false, code: 'WORKSTATION_UNKNOWN', workstationId: null, workstationName: null };
    const id = Number(match[1]);
    const record = await this.repository.findById(id);
    const expected = Buffer.from(record?.credentialHash ?? '0'.repeat(64), 'hex');
    const presented = Buffer.from(sha256(match[2]), 'hex');
    // Constant time: how much of a hash matched must not leak through the answer's timing.
    const matches = expected.length === presented.length && timingSafeEqual(expected, presented);
    if (!record || !matches) return { ok: false, code: 'WORKSTATION_UNKNOWN', workstationId: record ? id : null, workstationName: null };
    if (record.revokedAt !== null) return { ok: false, code: 'WORKSTATION_REVOKED', workstationId: id, workstationName: record.name };
    return { ok: true, workstation: record };
  }

  async find(id: number): Promise<WorkstationRecord | null> {
    return this.repository.findById(id);
  }

  async touch(id: number, values: { address: string | null; appVersion: string | null }): Promise<void> {
    await this.repository.touch(id, { now: this.deps.clock.now(), ...values });
  }

  async list(isOnline: (id: number) => boolean): Promise<WorkstationView[]> {
    const rows = await this.repository.list();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      enrolledAt: row.enrolledAt,
      enrolledByDisplayName: row.enrolledByDisplayName,
      lastSeenAt: row.lastSeenAt,
      lastAddress: row.lastAddress,
      appVersion: row.appVersion,
      revokedAt: row.revokedAt,
      online: row.revokedAt === null && isOnline(row.id),
    }));
  }

  /** Refused from now on (the caller closes its connection). Audited once; revoking a revoked PC changes nothing. */
  async revoke(id: number, by: number): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.database.transaction(async (trx) => {
      const record = await this.repository.in(trx).findById(id);
      if (!record) throw new AppError('NOT_FOUND', 'No such workstation');
      if (!(await this.repository.in(trx).revoke(id, { now, by }))) return;
      await this.deps.audit.in(trx).append({ eventType: 'site.workstation.revoked', actorUserId: by, subjectLabel: record.name, details: { workstationId: id } }, now);
    });
  }

  /** A refused connection or enrolment, for the security log (the listener keeps floods of the same one out). */
  async auditRefusal(
    reason: 'unknown-workstation' | 'workstation-revoked' | 'version' | 'pin-mismatch' | 'enrolment-code-invalid',
    details: { address: string | null; workstationId?: number | null; workstationName?: string | null; appVersion?: string | null },
  ): Promise<void> {
    await this.deps.audit.append(
      {
        eventType: 'site.workstation.refused',
        subjectLabel: details.workstationName ?? null,
        details: { reason, address: details.address, workstationId: details.workstationId ?? null, appVersion: details.appVersion ?? null },
      },
      this.deps.clock.now(),
    );
  }
}

function parseEnrolRequest(input: unknown): EnrolRequest {
  const bad = () => new SiteRefusalError('BAD_REQUEST', 400, 'Malformed enrolment request');
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw bad();
  const { code, workstationName, appVersion, protocol, fingerprint } = input as Record<string, unknown>;
  if (typeof code !== 'string' || code.length > 40) throw bad();
  if (typeof workstationName !== 'string') throw bad();
  const name = workstationName.trim();
  if (name.length === 0 || name.length > WORKSTATION_NAME_MAX_LENGTH) throw bad();
  if (typeof appVersion !== 'string' || appVersion.length > 40) throw bad();
  if (typeof protocol !== 'number' || !Number.isSafeInteger(protocol)) throw bad();
  if (typeof fingerprint !== 'string' || fingerprint.length > 200) throw bad();
  return { code, workstationName: name, appVersion, protocol, fingerprint };
}
