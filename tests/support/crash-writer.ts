// Node (tests only). The child process of the crash-safety test (electron/core/db/crash-safety.test.ts):
// opens the database with the app's own openSqliteDatabase (WAL, synchronous, busy timeout) and writes through the
// app's repositories, one transaction after another, forever, printing each id only once its transaction has
// committed. The test kills it with SIGKILL at random moments.
import fs from 'node:fs';
import { openSqliteDatabase } from '../../electron/core/kernel/db/database';
import { SettingsRepository } from '../../electron/core/kernel/settings/settings-repository';
import { UsersRepository } from '../../electron/core/kernel/identity/users-repository';

const file = process.argv[2];
if (!file) throw new Error('usage: crash-writer <database file>');
const database = openSqliteDatabase({ file });
const users = new UsersRepository(database.kysely);
const settings = new SettingsRepository(database.kysely);
// Two tables in one transaction: a torn write would show as a user without its counter, or the reverse.
const write = (n: number) =>
  database.transaction(async (trx) => {
    const id = await users.in(trx).insert(
      { username: `crash.${process.pid}.${n}`, displayName: `Écriture ${n}`, email: null, role: 'technician', passwordHash: 'x', mustChangePassword: false, locale: 'fr' },
      Date.now(),
    );
    await settings.in(trx).set(`crash.user.${id}`, n, Date.now());
    return id;
  });

// A function rather than top-level await: tsx runs this file as CommonJS when spawned from the test.
async function writeForever(): Promise<never> {
  fs.writeSync(1, 'ready\n');
  for (let n = 1; ; n++) {
    const id = await write(n);
    // Synchronous write to the pipe, after COMMIT returned: a printed id is a committed id.
    fs.writeSync(1, `${id}\n`);
  }
}
void writeForever();
