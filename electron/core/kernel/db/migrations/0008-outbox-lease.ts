// Pure. Issue 12: the outbox is sent once per database, however many cores share it. A sender claims due
// messages with a lease (one atomic UPDATE … RETURNING): while `lease_until` is in the future the message is
// someone's; a crashed sender's lease runs out and the message is claimed again (nothing lost, nothing sent
// twice by two live senders). A test email, sent inline, holds a lease too: once it has run out, the row is
// known to be interrupted.
import { postgresScript, type Migration } from './migration';

export const migration0008: Migration = {
  version: 8,
  name: 'outbox-lease',
  up(db) {
    db.exec(`
      -- Until when the sender that moved the message to "sending" owns it; NULL when nobody does.
      ALTER TABLE outbox ADD COLUMN lease_until INTEGER;
    `);
  },
  postgres: postgresScript(`
      ALTER TABLE outbox ADD COLUMN lease_until BIGINT;
    `),
};
