// Node (tests). A command line carrying a gmao-atelier: link obeys none of the app's flags.
import { describe, expect, it } from 'vitest';
import { RECOVERY_FLAG } from '../../approval/recovery-cli';
import { readCommandLine, ISSUE_RECOVERY_CODE_FLAG } from './command-line';
import { resolveDataLocation } from './data-dir';

const exe = 'C:\\Program Files\\GMAO Atelier\\GMAO Atelier.exe';
const token = 'a'.repeat(43);

/** Where main would put the data for this argv (main.ts passes appArgv to resolveDataLocation). */
function dataDirFor(argv: string[]): string {
  return resolveDataLocation({ argv: readCommandLine(argv).appArgv, env: {}, defaultDir: '/home/tech/.config/GMAO Atelier', platform: 'linux' }).dir;
}

describe('readCommandLine', () => {
  it('obeys the app flags of an ordinary command line', () => {
    const argv = [exe, '--data-dir=D:\\GMAO'];
    expect(readCommandLine(argv)).toEqual({ linkLaunch: false, appArgv: argv, issueRecoveryCode: false, runSiteServer: false, ignoredFlags: [] });
    expect(readCommandLine([exe, '--server', '--data-dir', '/srv/gmao']).runSiteServer).toBe(true);
    expect(readCommandLine([exe, '--server', `gmao-atelier://reset?token=${token}`]).runSiteServer).toBe(false);
    expect(readCommandLine([exe, '--issue-recovery-code', '--user', 'chef']).issueRecoveryCode).toBe(true);
    expect(dataDirFor([exe, '--data-dir', '/srv/gmao'])).toBe('/srv/gmao');
  });

  it('ignores --data-dir smuggled in with a reset link, whatever the order or spelling', () => {
    for (const argv of [
      [exe, `gmao-atelier://reset?token=${token}`, '--data-dir=/mnt/evil'],
      [exe, '--data-dir', '/mnt/evil', `gmao-atelier://reset?token=${token}`],
      [exe, `gmao-atelier://reset?token=${token} --data-dir=/mnt/evil`],
      [exe, `"gmao-atelier://reset?token=${token}"`, '--data-dir=/mnt/evil'],
      [exe, `GMAO-ATELIER://reset?token=${token}`, '--data-dir=/mnt/evil'],
      [exe, '--allow-file-access-from-files', `--x=gmao-atelier:reset`, '--data-dir=/mnt/evil'],
    ]) {
      const line = readCommandLine(argv);
      expect(line.linkLaunch, argv.join(' ')).toBe(true);
      expect(line.appArgv).toEqual([]);
      expect(line.ignoredFlags).toContain('--data-dir');
      expect(dataDirFor(argv)).toBe('/home/tech/.config/GMAO Atelier');
    }
  });

  it('never issues a recovery code for a link launch (first instance or a second instance argv)', () => {
    for (const argv of [
      [exe, `gmao-atelier://reset?token=${token}`, '--issue-recovery-code', '--user', 'chef'],
      [exe, `gmao-atelier://reset?token=${token} --issue-recovery-code --user chef`],
      // What Electron hands to 'second-instance': the other process's whole argv, Chromium switches included.
      [exe, '--original-process-start-time=1', '--issue-recovery-code', `gmao-atelier://reset?token=${token}`],
    ]) {
      const line = readCommandLine(argv);
      expect(line.issueRecoveryCode, argv.join(' ')).toBe(false);
      expect(line.ignoredFlags).toContain('--issue-recovery-code');
    }
  });

  it('uses the same flag as the recovery command line', () => {
    expect(ISSUE_RECOVERY_CODE_FLAG).toBe(RECOVERY_FLAG);
  });
});
