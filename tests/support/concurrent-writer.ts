// Node (tests only). One "app instance" for electron/core/db/two-instances.test.ts: a real core on the
// given data folder, as a second OS account's GMAO Atelier would open it. It prints `ready`, waits for `go`
// on stdin (so both instances really write at the same time), then signs in and out `count` times through
// the dispatcher (real handlers, repositories, SQLite) and prints one JSON line per committed login.
import readline from 'node:readline';
import { createCore, type Core } from '../../electron/core/create-core';
import { REPO_RESOURCES_DIR } from './repo-paths';

const [dataDir, name, countText] = process.argv.slice(2);
const count = Number(countText);
const silent = { info() {}, warn() {}, error() {} };
// Not top-level await: tsx runs this file as CommonJS when spawned from the test.
void createCore({
  dataDir,
  appVersion: 'test',
  workstationName: name,
  resourcesDir: REPO_RESOURCES_DIR,
  mailAutoRun: false,
  trustedOrigins: ['http://test.local'],
  events: { send() {} },
  logger: silent,
  bcryptCost: 4,
  tickIntervalMs: 0,
}).then((core) => run(core));

function run(core: Core): void {
  const sender = { windowId: `${name}-window`, url: 'http://test.local/' };
  const admin = { username: 'admin.chef', displayName: 'Chef', email: '', password: 'pompe hydraulique 42', passwordConfirmation: 'pompe hydraulique 42' };

  const input = readline.createInterface({ input: process.stdin });
  process.stdout.write('ready\n');
  input.once('line', async () => {
    // Both instances try to create the first administrator at once: exactly one may succeed.
    const setup = await core.dispatcher.dispatch(sender, 'auth:setupFirstAdmin', admin);
    process.stdout.write(`${JSON.stringify({ setup: setup.ok ? 'created' : setup.error.code })}\n`);
    for (let i = 0; i < count; i++) {
      const login = await core.dispatcher.dispatch(sender, 'auth:login', { identifier: admin.username, password: admin.password });
      if (!login.ok) {
        process.stdout.write(`${JSON.stringify({ i, error: login.error.code })}\n`);
        continue;
      }
      process.stdout.write(`${JSON.stringify({ i, committed: Date.now() })}\n`);
      await core.dispatcher.dispatch(sender, 'auth:logout', undefined);
    }
    await core.close();
    input.close();
    process.stdout.write('done\n');
  });
}
