// Node (tests). The outbox sender runs once per database, however many cores share it: two cores (two Database
// handles, each with its own email module and worker) on one PostgreSQL schema flush the same queue at the same
// time against the real loopback SMTP server. Every message arrives exactly once, none is lost, and each is
// redacted once sent; a lockout noticed by both is told once; a hung sender's lease runs out and the other core
// sends its message (that one on SQLite too: two handles on one file).
// The races run on PostgreSQL only: two better-sqlite3 handles in ONE process can't race transactions (a BEGIN
// IMMEDIATE waiting for the other handle's lock blocks the event loop that handle needs to finish), while two
// processes on one SQLite file are serialized by its single writer (kernel/db/two-instances.test.ts).
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startSmtpTestServer, startStalledServer, testTransportFactory, type SmtpTestServer } from '../../../tests/support/smtp-test-server';
import { FakeClock, makeTempDir } from '../../../tests/support/test-core';
import { createTestDatabaseTarget, TEST_ENGINE } from '../../../tests/support/test-database';
import { mailSettingsFor } from '../../../tests/support/mail-fixtures';
import type { Database } from '../kernel/db/database';
import { migrateDatabase } from '../kernel/db/migrate-database';
import { MIGRATIONS } from '../kernel/db/migrations';
import { AuditRepository } from '../kernel/audit-trail/audit-repository';
import { UsersRepository } from '../kernel/identity/users-repository';
import { createMemoryLogger } from '../kernel/platform/logger';
import { SettingsRepository } from '../kernel/settings/settings-repository';
import { createFileKeySecretStore } from './file-key-secret-store';
import { createMailModule, type MailModule } from './mail-module';
import type { MailTransportFactory } from './mail-transport';
import { OUTBOX_LEASE_MS } from './outbox';
import { renderEmail } from './templates/email-templates';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

interface Shared {
  open(): Promise<Database>;
  /** One data folder: both cores share the secret store's key, like two processes on one PC. */
  dataDir: string;
  adminId: number;
}

/** One database, migrated, with an administrator (the settings' audit entries name an actor). */
async function sharedDatabase(): Promise<Shared> {
  const dataDir = makeTempDir('gmao-two-cores-');
  const target = await createTestDatabaseTarget(dataDir);
  cleanup.push(async () => {
    await target.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const database = await target.open();
  cleanup.push(() => database.close());
  await migrateDatabase(database, MIGRATIONS);
  const adminId = await new UsersRepository(database.kysely).insert(
    { username: 'admin.chef', displayName: 'Chef', email: null, role: 'admin', passwordHash: 'x', mustChangePassword: false, locale: 'fr' },
    Date.UTC(2026, 0, 15, 8),
  );
  return { open: () => target.open(), dataDir, adminId };
}

/** A core's email side on its own handle: its own pool (or SQLite connection), module, worker and clock. */
async function core(shared: Shared, name: string, transports: MailTransportFactory, clock = new FakeClock()): Promise<{ mail: MailModule; clock: FakeClock }> {
  const database = await shared.open();
  const mail = createMailModule({
    database,
    users: new UsersRepository(database.kysely),
    settingsRepository: new SettingsRepository(database.kysely),
    audit: new AuditRepository(database.kysely, name),
    clock,
    logger: createMemoryLogger(),
    secrets: createFileKeySecretStore(shared.dataDir),
    transports,
    autoRun: false,
  });
  cleanup.push(async () => {
    await mail.close();
    await database.close();
  });
  return { mail, clock };
}

async function server(): Promise<SmtpTestServer> {
  const smtp = await startSmtpTestServer();
  cleanup.push(() => smtp.close());
  return smtp;
}

async function enqueueCodes(mail: MailModule, count: number): Promise<string[]> {
  const context = await mail.settings.context('fr');
  const recipients: string[] = [];
  for (let i = 0; i < count; i++) {
    const to = `technicien${String(i).padStart(2, '0')}@usine.example`;
    const email = renderEmail({ kind: 'reset_code', displayName: `T${i}`, username: `t${i}`, code: `ABCDE-${String(10000 + i)}`, link: 'gmao-atelier://reset?token=x', validMinutes: 60 }, context);
    await mail.outbox.enqueue({ email, to, userId: null, expiresAt: null });
    recipients.push(to);
  }
  return recipients;
}

describe(`two cores on one ${TEST_ENGINE} database`, () => {
  it.runIf(TEST_ENGINE === 'postgres')('flushing the same queue at the same time, send every message exactly once and lose none', async () => {
    const smtp = await server();
    const shared = await sharedDatabase();
    const transports = await testTransportFactory();
    const a = await core(shared, 'POSTE-A', transports);
    const b = await core(shared, 'POSTE-B', transports);
    await a.mail.settings.update(mailSettingsFor(smtp), shared.adminId);
    // More than one pass's batch (20), so both cores loop over the queue while the other claims from it.
    const recipients = await enqueueCodes(a.mail, 45);
    for (let round = 0; round < 10 && (await a.mail.outbox.view()).counts.queued > 0; round++) {
      await Promise.all([a.mail.flush(), b.mail.flush(), a.mail.flush(), b.mail.flush()]);
    }
    expect((await b.mail.outbox.view(100)).counts).toEqual({ queued: 0, sending: 0, sent: 45, failed: 0 });
    // Every send finished before its row was marked sent: what arrived is final.
    expect(smtp.messages.flatMap((m) => m.to).sort()).toEqual(recipients);
    // Both cores took part (the work was shared, not serialized behind one of them).
    const sentBy = await a.mail.outbox.view(100);
    expect(sentBy.items.every((item) => item.attempts === 1 && item.secretRedacted)).toBe(true);
    // The sealed codes are gone from the database once sent, on both engines (read through SQL).
    const database = await shared.open();
    cleanup.push(() => database.close());
    const left = await database.kysely.selectFrom('outbox').select('id').where('secrets', 'is not', null).execute();
    expect(left).toEqual([]);
    const audited = await database.kysely.selectFrom('audit_log').select(['workstation']).where('event_type', '=', 'mail.sent').execute();
    expect(audited).toHaveLength(45);
    expect(new Set(audited.map((row) => row.workstation))).toEqual(new Set(['POSTE-A', 'POSTE-B']));
  });

  it.runIf(TEST_ENGINE === 'postgres')('tell a locked-out user once, however many cores notice it at the same moment', async () => {
    const smtp = await server();
    const shared = await sharedDatabase();
    const transports = await testTransportFactory();
    const a = await core(shared, 'POSTE-A', transports);
    const b = await core(shared, 'POSTE-B', transports);
    await a.mail.settings.update(mailSettingsFor(smtp), shared.adminId);
    const database = await shared.open();
    cleanup.push(() => database.close());
    const paul = await new UsersRepository(database.kysely).insert(
      { username: 'paul', displayName: 'Paul', email: 'paul@usine.example', role: 'technician', passwordHash: 'x', mustChangePassword: false, locale: 'fr' },
      a.clock.now(),
    );
    const until = a.clock.now() + 60_000;
    // Many at once from both pools (4 connections each), so the checks overlap.
    const sides = Array.from({ length: 16 }, (_, i) => (i % 2 ? a : b));
    const ids = await Promise.all(sides.map((side) => side.mail.notifier.lockout(paul, 'paul', 5, until, 15 * 60_000)));
    expect(ids.filter((id) => id !== null)).toHaveLength(1);
    expect(await database.kysely.selectFrom('outbox').select('id').where('kind', '=', 'lockout').execute()).toHaveLength(1);
  });

  it("takes over a hung sender's message once its lease has run out, and not before", async () => {
    const smtp = await server();
    const stalled = await startStalledServer();
    cleanup.push(() => stalled.close());
    const shared = await sharedDatabase();
    // A: its server never greets (and A waits for it far longer than this test runs): a sender that hangs.
    const a = await core(shared, 'POSTE-A', await testTransportFactory({ greetingTimeoutMs: 60_000, connectionTimeoutMs: 60_000 }));
    await a.mail.settings.update(mailSettingsFor({ port: stalled.port, username: smtp.username, password: smtp.password }), shared.adminId);
    const [recipient] = await enqueueCodes(a.mail, 1);
    void a.mail.flush();
    await expect.poll(() => stalled.connections).toBeGreaterThan(0);
    expect((await a.mail.outbox.view()).items[0]).toMatchObject({ status: 'sending', attempts: 1 });

    // B starts with the settings fixed: the message is A's while A's lease runs.
    const b = await core(shared, 'POSTE-B', await testTransportFactory(), new FakeClock(a.clock.now()));
    await b.mail.settings.update(mailSettingsFor(smtp), shared.adminId);
    await b.mail.flush();
    b.clock.advance(OUTBOX_LEASE_MS - 1);
    await b.mail.flush();
    expect(smtp.messages).toHaveLength(0);
    expect((await b.mail.outbox.view()).items[0]).toMatchObject({ status: 'sending', attempts: 1 });

    // The lease ends: B takes the message back and sends it, once.
    b.clock.advance(1);
    await b.mail.flush();
    const [mail] = await smtp.waitForMessages(1);
    expect(mail.to).toEqual([recipient]);
    expect((await b.mail.outbox.view()).items[0]).toMatchObject({ status: 'sent', attempts: 2, secretRedacted: true });
  });
});
