// `npm start` (build/scripts/start.mjs) and its helpers. On machines without Electron's binary (CI, offline
// workstations) the script must stop before building, point to `npm run dev:web`, and never touch the
// Node build of better-sqlite3 the tests rely on.
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
  missingElectronMessage(reason?: string): string;
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

function runStart(extraEnv: Record<string, string> = {}) {
  const env: Record<string, string | undefined> = { ...process.env, ...extraEnv };
  if (!('ELECTRON_OVERRIDE_DIST_PATH' in extraEnv)) delete env.ELECTRON_OVERRIDE_DIST_PATH;
  const started = Date.now();
  const result = spawnSync(process.execPath, [startScript, '--data-dir=ignored'], { cwd: rootDir, env, encoding: 'utf8', timeout: 60_000 });
  return { ...result, output: `${result.stdout}${result.stderr}`, elapsedMs: Date.now() - started };
}

function expectStoppedBeforeBuilding(run: ReturnType<typeof runStart>): void {
  expect(run.error).toBeUndefined();
  expect(run.status).toBe(1);
  expect(run.output).toContain('npm run dev:web');
  expect(run.output).toContain('node node_modules/electron/install.js');
  expect(run.output).toMatch(/binaire d'Electron/);
  expect(run.output).toMatch(/Electron's binary is not installed/);
  // Nothing was built: no npm/vite/esbuild output, and it returned immediately.
  expect(run.output).not.toMatch(/vite|build:renderer|dist\/electron|> build/i);
  expect(run.elapsedMs).toBeLessThan(10_000);
  expect(fs.existsSync(nodeSqliteBuild)).toBe(true);
}

describe('npm start without an Electron binary', () => {
  const installed = native.resolveElectronBinary(rootDir).ok;

  it.skipIf(installed)('exits 1 before building, pointing to npm run dev:web (this repository, as installed)', () => {
    expectStoppedBeforeBuilding(runStart());
  });

  it('exits 1 before building when require("electron") names a binary that does not exist', () => {
    // The electron package honours ELECTRON_OVERRIDE_DIST_PATH: an empty folder means a missing binary.
    expectStoppedBeforeBuilding(runStart({ ELECTRON_OVERRIDE_DIST_PATH: tempDir() }));
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

  it('explains how to get Electron, in French then English', () => {
    const message = native.missingElectronMessage('detail');
    expect(message.indexOf('Le binaire')).toBeLessThan(message.indexOf("Electron's binary"));
    expect(message).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD=1');
    expect(message).toContain('npm run dev:web');
    expect(message).toContain('detail');
  });
});
