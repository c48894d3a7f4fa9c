// Node (tests only). The child process of the crash-safety test (electron/core/db/crash-safety.test.ts):
// opens the database with the app's own openDatabase (WAL, synchronous, busy timeout) and writes through the
// app's repositories, one transaction after another, forever, printing each id only once its transaction has
// committed. The test kills it with SIGKILL at random moments.
import fs from 'node:fs';
import { openDatabase } from '../../electron/core/kernel/db/open-database';
import { SettingsRepository } from '../../electron/core/kernel/settings/settings-repository';
import { UsersRepository } from '../../electron/core/kernel/identity/users-repository';

const file = process.argv[2];
if (!file) throw new Error('usage: crash-writer <database file>');
const db = openDatabase({ file });
const users = new UsersRepository(db);
const settings = new SettingsRepository(db);
// Two tables in one transaction: a torn write would show as a user without its counter, or the reverse.
const write = db.transaction((n: number) => {
  const id = users.insert(
    { username: `crash.${process.pid}.${n}`, displayName: `Écriture ${n}`, email: null, role: 'technician', passwordHash: 'x', mustChangePassword: false, locale: 'fr' },
    Date.now(),
  );
  settings.set(`crash.user.${id}`, n, Date.now());
  return id;
});

fs.writeSync(1, 'ready\n');
for (let n = 1; ; n++) {
  const id = write(n);
  // Synchronous write to the pipe, after COMMIT returned: a printed id is a committed id.
  fs.writeSync(1, `${id}\n`);
}
