// `npm start` (build/scripts/start.mjs) and its helpers. Without Electron's binary (package.json's allowScripts
// keeps `npm install` from downloading it), `npm start` runs Electron's own installer; only when that fails
// (offline, as on our build machines) does it stop before building, pointing to `npm run dev:web`. It never
// touches the Node build of better-sqlite3 the tests rely on.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const startScript = path.join(rootDir, 'build', 'scripts', 'start.mjs');
const nodeSqliteBuild = path.join(rootDir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

type ElectronCheck = { ok: true; path: string } | { ok: false; reason: string };
interface ElectronNative {
  resolveElectronBinary(rootDir: string): ElectronCheck;
  missingElectronMessage(reason?: string, attempt?: 'skipped' | 'failed' | 'timeout' | 'installed-but-missing'): string;
  readElectronVersion(rootDir: string): string;
  nativeWorkDir(rootDir: string): string;
  electronSqliteBindingPath(rootDir: string, target: { electronVersion: string; platform?: string; arch?: string }): string;
  rebuildEnv(env: Record<string, string | undefined>): Record<string, string | undefined>;
  electronLaunchEnv(env: Record<string, string | undefined>, bindingPath: string): Record<string, string | undefined>;
}
// A plain .mjs build script (no declarations): imported by URL and typed here.
const native = (await import(pathToFileURL(path.join(rootDir, 'build', 'scripts', 'electron-native.mjs')).href)) as ElectronNative;

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-start-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs `npm start` as a process. Electron's real installer, when it runs, downloads from a closed loopback port
 * into an empty cache: it fails for real (as it does offline) on any machine, and never fills node_modules.
 */
function runStart(extraEnv: Record<string, string> = {}) {
  const env: Record<string, string | undefined> = {
    ...process.env,
    ELECTRON_MIRROR: 'http://127.0.0.1:9/',
    electron_config_cache: tempDir(),
    ...extraEnv,
  };
  for (const name of ['ELECTRON_OVERRIDE_DIST_PATH', 'ELECTRON_SKIP_BINARY_DOWNLOAD', 'GMAO_ELECTRON_INSTALLER', 'GMAO_ELECTRON_INSTALL_TIMEOUT_MS', 'npm_execpath']) {
    if (!(name in extraEnv)) delete env[name];
  }
  const result = spawnSync(process.execPath, [startScript, '--data-dir=ignored'], { cwd: rootDir, env, encoding: 'utf8', timeout: 120_000 });
  return { ...result, output: `${result.stdout}${result.stderr}` };
}

function expectStoppedBeforeBuilding(run: ReturnType<typeof runStart>): void {
  expect(run.error).toBeUndefined();
  expect(run.status).toBe(1);
  expect(run.output).toContain('npm run dev:web');
  expect(run.output).toContain('node node_modules/electron/install.js');
  expect(run.output).toMatch(/binaire d'Electron/);
  expect(run.output).toMatch(/Electron's binary is not installed/);
  // Nothing was built: no npm/vite/esbuild output.
  expect(run.output).not.toMatch(/vite|build:renderer|dist\/electron|> build|FAKE BUILD/i);
  expect(fs.existsSync(nodeSqliteBuild)).toBe(true);
}

/** A stand-in for node_modules/electron/install.js: `body` runs in plain Node, with `dist` the dist folder. */
function fakeInstaller(body: string): string {
  const file = path.join(tempDir(), 'fake-install.mjs');
  fs.writeFileSync(file, `import fs from 'node:fs';\nimport path from 'node:path';\nconst dist = process.env.ELECTRON_OVERRIDE_DIST_PATH;\n${body}\n`);
  return file;
}

/** A stand-in npm for the build step (start.mjs runs npm_execpath when it is a .js file): shows it was reached. */
function fakeNpm(): string {
  const file = path.join(tempDir(), 'fake-npm.cjs');
  fs.writeFileSync(file, "console.log('FAKE BUILD ' + process.argv.slice(2).join(' '));\nprocess.exit(7);\n");
  return file;
}

describe('npm start without an Electron binary', () => {
  const installed = native.resolveElectronBinary(rootDir).ok;

  it.skipIf(installed)('runs Electron\'s real installer, which fails offline, then exits 1 before building, pointing to npm run dev:web', () => {
    const run = runStart();
    expect(run.output).toMatch(/téléchargement \(node node_modules\/electron\/install\.js\)/);
    // The installer's own error is shown, then ours.
    expect(run.output).toMatch(/RequestError|ECONNREFUSED/);
    expect(run.output).toMatch(/Le téléchargement .* a échoué/);
    expect(run.output).toMatch(/The download .* failed/);
    expectStoppedBeforeBuilding(run);
  });

  it('does the same when require("electron") names a binary that does not exist', () => {
    // The electron package honours ELECTRON_OVERRIDE_DIST_PATH: an empty folder means a missing binary.
    const run = runStart({ ELECTRON_OVERRIDE_DIST_PATH: tempDir() });
    expect(run.output).toMatch(/a échoué/);
    expectStoppedBeforeBuilding(run);
  });

  it('installs the binary with the installer, then goes on to build (stand-in installer and npm)', () => {
    const dist = tempDir();
    const installer = fakeInstaller("console.log('fake download 100%');\nfs.writeFileSync(path.join(dist, 'electron'), '');");
    const run = runStart({ ELECTRON_OVERRIDE_DIST_PATH: dist, GMAO_ELECTRON_INSTALLER: installer, npm_execpath: fakeNpm() });
    expect(run.output).toContain('fake download 100%');
    expect(run.output).toContain(`→ Electron : ${path.join(dist, 'electron')}`);
    // Past the binary check: the build ran (and the stand-in npm's failure code came back).
    expect(run.output).toContain('FAKE BUILD run build');
    expect(run.output).toMatch(/La construction a échoué/);
    expect(run.status).toBe(7);
    expect(run.output).not.toContain('npm run dev:web');
  });

  it('runs no installer when the binary is there', () => {
    const dist = tempDir();
    fs.writeFileSync(path.join(dist, 'electron'), '');
    const marker = path.join(tempDir(), 'installer-ran');
    const installer = fakeInstaller(`fs.writeFileSync(${JSON.stringify(marker)}, '');`);
    const run = runStart({ ELECTRON_OVERRIDE_DIST_PATH: dist, GMAO_ELECTRON_INSTALLER: installer, npm_execpath: fakeNpm() });
    expect(run.output).toContain('FAKE BUILD run build');
    expect(fs.existsSync(marker)).toBe(false);
  });

  it('respects ELECTRON_SKIP_BINARY_DOWNLOAD: no download attempted, and it says so', () => {
    const dist = tempDir();
    const marker = path.join(tempDir(), 'installer-ran');
    const installer = fakeInstaller(`fs.writeFileSync(${JSON.stringify(marker)}, '');\nfs.writeFileSync(path.join(dist, 'electron'), '');`);
    const run = runStart({ ELECTRON_OVERRIDE_DIST_PATH: dist, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', GMAO_ELECTRON_INSTALLER: installer, npm_execpath: fakeNpm() });
    expect(fs.existsSync(marker)).toBe(false);
    expect(run.output).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD est défini : `npm start` n'a pas tenté le téléchargement/);
    expect(run.output).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD is set/);
    expectStoppedBeforeBuilding(run);
  });

  it('stops a hanging installer after the time limit, and says so', () => {
    const pidFile = path.join(tempDir(), 'installer.pid');
    const installer = fakeInstaller(`fs.writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));\nsetInterval(() => {}, 1000);`);
    const run = runStart({ ELECTRON_OVERRIDE_DIST_PATH: tempDir(), GMAO_ELECTRON_INSTALLER: installer, GMAO_ELECTRON_INSTALL_TIMEOUT_MS: '1500', npm_execpath: fakeNpm() });
    expect(run.output).toMatch(/n'a pas abouti dans le temps imparti/);
    expect(run.output).toMatch(/did not finish in time/);
    expectStoppedBeforeBuilding(run);
    // The installer process is gone, not left downloading in the background.
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });

  it('reports an installer that succeeds without producing the binary', () => {
    const run = runStart({ ELECTRON_OVERRIDE_DIST_PATH: tempDir(), GMAO_ELECTRON_INSTALLER: fakeInstaller("console.log('nothing to do');"), npm_execpath: fakeNpm() });
    expect(run.output).toMatch(/s'est terminé sans erreur, mais le binaire\s+reste introuvable/);
    expectStoppedBeforeBuilding(run);
  });
});

describe('resolveElectronBinary', () => {
  function fakeRepo(electronIndex: string): string {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"fake","private":true}\n');
    fs.mkdirSync(path.join(dir, 'node_modules', 'electron'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'electron', 'package.json'), '{"name":"electron","version":"40.8.5","main":"index.js"}\n');
    fs.writeFileSync(path.join(dir, 'node_modules', 'electron', 'index.js'), electronIndex);
    return dir;
  }

  it('reports the error thrown by the electron package when its binary was never downloaded', () => {
    const dir = fakeRepo("throw new Error('Electron failed to install correctly, please delete node_modules/electron');\n");
    const check = native.resolveElectronBinary(dir);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toContain('Electron failed to install correctly');
  });

  it('rejects a path that does not exist, accepts one that does', () => {
    const missing = fakeRepo(`module.exports = ${JSON.stringify(path.join(os.tmpdir(), 'no-such-electron-binary'))};\n`);
    expect(native.resolveElectronBinary(missing).ok).toBe(false);

    const dir = tempDir();
    const binary = path.join(dir, 'electron');
    fs.writeFileSync(binary, '');
    const present = fakeRepo(`module.exports = ${JSON.stringify(binary)};\n`);
    expect(native.resolveElectronBinary(present)).toEqual({ ok: true, path: binary });
  });

  it('reads the installed electron version', () => {
    expect(native.readElectronVersion(fakeRepo('module.exports = "";\n'))).toBe('40.8.5');
    expect(native.readElectronVersion(rootDir)).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('electronSqliteBindingPath', () => {
  it('keeps one build per Electron version, platform and arch under .native/', () => {
    const root = path.join(os.tmpdir(), 'repo');
    expect(native.electronSqliteBindingPath(root, { electronVersion: '40.8.5', platform: 'win32', arch: 'x64' })).toBe(
      path.join(root, '.native', 'electron-40.8.5-win32-x64', 'better_sqlite3.node'),
    );
    expect(native.electronSqliteBindingPath(root, { electronVersion: '41.0.0', platform: 'darwin', arch: 'arm64' })).toBe(
      path.join(root, '.native', 'electron-41.0.0-darwin-arm64', 'better_sqlite3.node'),
    );
  });

  it('defaults to this machine and stays out of node_modules', () => {
    const binding = native.electronSqliteBindingPath(rootDir, { electronVersion: '40.8.5' });
    expect(path.basename(path.dirname(binding))).toBe(`electron-40.8.5-${process.platform}-${process.arch}`);
    expect(binding.startsWith(path.join(rootDir, '.native') + path.sep)).toBe(true);
    expect(native.nativeWorkDir(rootDir).startsWith(path.join(rootDir, '.native') + path.sep)).toBe(true);
    expect(binding).not.toContain('node_modules');
  });
});

describe('environments', () => {
  it('removes the npm settings that would make node-gyp build against other headers', () => {
    const env = native.rebuildEnv({
      PATH: '/usr/bin',
      npm_config_nodedir: '/usr',
      npm_config_target: '20.0.0',
      npm_config_runtime: 'node',
      npm_config_disturl: 'https://nodejs.org/dist',
      NPM_CONFIG_ARCH: 'ia32',
      'npm_config_build-from-source': 'true',
      npm_config_cache: '/root/.npm',
      npm_config_proxy: 'http://proxy:3128',
    });
    expect(env).toEqual({ PATH: '/usr/bin', npm_config_cache: '/root/.npm', npm_config_proxy: 'http://proxy:3128' });
  });

  it('launches Electron with the Electron build of better-sqlite3, never as plain Node', () => {
    const env = native.electronLaunchEnv({ PATH: '/usr/bin', ELECTRON_RUN_AS_NODE: '1' }, '/repo/.native/x/better_sqlite3.node');
    expect(env).toEqual({ PATH: '/usr/bin', GMAO_SQLITE_BINDING: '/repo/.native/x/better_sqlite3.node' });
  });

  it('explains how to get Electron, in French then English, for each outcome of the download', () => {
    const message = native.missingElectronMessage('detail');
    expect(message.indexOf('Le binaire')).toBeLessThan(message.indexOf("Electron's binary"));
    expect(message).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD=1');
    expect(message).toContain('npm run dev:web');
    expect(message).toContain('detail');
    for (const attempt of ['skipped', 'failed', 'timeout', 'installed-but-missing'] as const) {
      const text = native.missingElectronMessage(undefined, attempt);
      expect(text, attempt).toContain('npm run dev:web');
      expect(text, attempt).toContain('node node_modules/electron/install.js');
      expect(text.indexOf('Le binaire'), attempt).toBeLessThan(text.indexOf("Electron's binary"));
    }
  });
});
