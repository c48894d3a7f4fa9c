// Node (development and the browser harness). `npm run recovery -- --data-dir D --user <admin>` (or
// `--database-url postgres://…` for a site database): issues IT's one-time recovery code for an administrator and
// prints it. The installed app does the same with `--issue-recovery-code --user <admin>` (electron/main/main.ts).
// The logic is in electron/core/approval/recovery-cli.ts.
import os from 'node:os';
import path from 'node:path';
import { runRecoveryCli } from '../core/approval/recovery-cli';

void runRecoveryCli({
  argv: process.argv.slice(2),
  env: process.env,
  // The harness's default folder (tests/harness/dev-web.ts).
  defaultDataDir: path.join(os.homedir(), '.gmao-atelier-web'),
}).then((code) => {
  process.exitCode = code;
});
