// The NSIS include of the Windows installer compiles (makensis from Debian's nsis package, installed by
// .ci/run), as the installer and as the uninstaller. Without makensis this test is skipped on a developer
// machine and fails in CI, where it must run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/test-core';

const root = path.resolve(import.meta.dirname, '../..');
const hasMakensis = spawnSync('makensis', ['-VERSION'], { stdio: 'ignore' }).status === 0;
const dir = makeTempDir('gmao-nsis-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function compile(extra: string[], include = fs.readFileSync(path.join(root, 'build/gmao-installer.nsh'), 'utf8')) {
  fs.writeFileSync(path.join(dir, 'gmao-installer.nsh'), include);
  fs.copyFileSync(path.join(root, 'tests/scripts/fixtures/nsis-check.nsi'), path.join(dir, 'check.nsi'));
  return spawnSync('makensis', ['-WX', '-V2', ...extra, 'check.nsi'], { cwd: dir, encoding: 'utf8' });
}

describe.skipIf(!hasMakensis && !process.env.CI)('NSIS include (build/gmao-installer.nsh)', () => {
  it('compiles without warnings as the installer and as the uninstaller', () => {
    expect(hasMakensis, 'makensis is missing: apt-get install nsis').toBe(true);
    const installer = compile([]);
    expect(installer.status, installer.stdout + installer.stderr).toBe(0);
    const uninstaller = compile(['-DBUILD_UNINSTALLER']);
    expect(uninstaller.status, uninstaller.stdout + uninstaller.stderr).toBe(0);
  });

  it('would catch a mistake (the check is not vacuous)', () => {
    const broken = fs.readFileSync(path.join(root, 'build/gmao-installer.nsh'), 'utf8').replace('FileClose $0', 'FileCloze $0');
    expect(compile([], broken).status).not.toBe(0);
  });
});
