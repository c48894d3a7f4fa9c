// Pure (Node). Which of the app's own command-line flags main may obey. Clicking a `gmao-atelier://reset?token=…`
// link in an email starts the app (or a second instance) with that link in argv, and the link's text comes from
// whoever wrote the email: a crafted one can carry extra arguments past the OS's quoting
// (`gmao-atelier://reset?token=x" --data-dir=\\evil\share`, or a handler that splits on spaces). A command line
// that carries a link is therefore a link launch, and nothing else: no data folder switch, no recovery code.
import { DEEP_LINK_SCHEME } from './app-scheme';

/** Same value as RECOVERY_FLAG in approval/recovery-cli.ts (kept apart so this stays free of the database). */
export const ISSUE_RECOVERY_CODE_FLAG = '--issue-recovery-code';

/** Same value as SERVER_FLAG in electron/server/server-cli.ts: the packaged app runs headless as the site server. */
export const SITE_SERVER_FLAG = '--server';

/** The flags main reads; all of them are dropped from a link launch. */
export const APP_FLAGS = ['--data-dir', ISSUE_RECOVERY_CODE_FLAG, '--user', SITE_SERVER_FLAG] as const;

export interface CommandLine {
  /** True when some argument carries a `gmao-atelier:` link. */
  linkLaunch: boolean;
  /** The arguments main's flag readers may see: all of argv, or none for a link launch. */
  appArgv: readonly string[];
  /** Run the IT recovery-code command line instead of the app. Never for a link launch. */
  issueRecoveryCode: boolean;
  /** Run as the site server (issue 16), headless. Never for a link launch. */
  runSiteServer: boolean;
  /** App flags present but ignored because of a link (for the log: someone may be trying something). */
  ignoredFlags: string[];
}

export function readCommandLine(argv: readonly string[]): CommandLine {
  // Anywhere in an argument and in any case: `"gmao-atelier:…"`, `GMAO-ATELIER://…`, `--x=gmao-atelier:…` all count.
  // Erring towards "link launch" only costs the flags, which a real link never needs.
  const marker = `${DEEP_LINK_SCHEME}:`;
  const linkLaunch = argv.some((arg) => arg.toLowerCase().includes(marker));
  if (!linkLaunch) {
    return { linkLaunch, appArgv: argv, issueRecoveryCode: argv.includes(ISSUE_RECOVERY_CODE_FLAG), runSiteServer: argv.includes(SITE_SERVER_FLAG), ignoredFlags: [] };
  }
  const ignoredFlags = APP_FLAGS.filter((flag) => argv.some((arg) => arg.includes(flag)));
  return { linkLaunch, appArgv: [], issueRecoveryCode: false, runSiteServer: false, ignoredFlags };
}
