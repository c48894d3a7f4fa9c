// `npm run package`, as far as it can run without Electron's binary: the staged app, the rebuild's reach,
// what electron-builder actually puts into app.asar (a real electron-builder run on a stand-in Electron),
// and the preflight that stops at once when the binary can't be had.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dependencyClosure,
  electronCacheDirs,
  electronDownloadUrl,
  electronZipName,
  findCachedElectronZip,
  installOnlyPackages,
  listFiles,
  packagingImpossibleMessage,
  packagingPreflight,
  RUNTIME_EXTERNALS,
  stageApp,
  targetsFor,
  OPTIONAL_NEVER_LOADED,
} from '../../build/scripts/packaging.mjs';
import { makeTempDir } from '../support/test-core';

const root = path.resolve(import.meta.dirname, '../..');
const temp = makeTempDir('gmao-package-');
const stageDir = path.join(temp, 'app');
const nodeBuild = path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
const signature = (file: string) => {
  const stat = fs.statSync(file);
  return `${stat.size}:${stat.mtimeMs}`;
};
let staged: string[] = [];
let nodeBuildBefore = '';

beforeAll(() => {
  // The real bundles when `npm run build` ran (npm test builds first); otherwise build main/preload now.
  if (!fs.existsSync(path.join(root, 'dist/electron/main.cjs')) || !fs.existsSync(path.join(root, 'dist/renderer/index.html'))) {
    const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed: ${build.stderr}`);
  }
  nodeBuildBefore = signature(nodeBuild);
  staged = stageApp({ rootDir: root, stageDir }).files;
}, 120_000);
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

describe('staged app (release/app)', () => {
  it('holds the bundles, the renderer build, package.json and the runtime dependencies only', () => {
    const outside = staged.filter((file) => !file.startsWith('node_modules/'));
    expect(outside.filter((file) => !file.startsWith('dist/renderer/'))).toEqual(['dist/electron/db-worker.cjs', 'dist/electron/main.cjs', 'dist/electron/preload.cjs', 'package.json']);
    expect(outside).toContain('dist/renderer/index.html');
    for (const file of staged) {
      expect(file, file).not.toMatch(/^(tests|docs|\.ci|renderer|electron|shared|build)\//);
      if (!file.startsWith('node_modules/')) expect(file, file).not.toMatch(/\.(ts|tsx|map)$/);
    }
    const packages = new Set(staged.filter((f) => f.startsWith('node_modules/')).map((f) => f.split('/').slice(0, f.split('/')[1].startsWith('@') ? 3 : 2).join('/')));
    const closure = new Set(dependencyClosure(root, RUNTIME_EXTERNALS).map((p: { relative: string }) => p.relative.split(path.sep).join('/')));
    expect([...packages].filter((p) => !closure.has(p))).toEqual([]);
    for (const devOnly of ['electron', 'vitest', 'react', 'typescript', 'playwright-core', 'esbuild', 'zod', 'nodemailer']) {
      expect(packages.has(`node_modules/${devOnly}`), devOnly).toBe(false);
    }
  });

  it('declares exactly the runtime externals, at the installed versions, and the root package identity', () => {
    const stagedPackage = JSON.parse(fs.readFileSync(path.join(stageDir, 'package.json'), 'utf8'));
    const rootPackage = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(stagedPackage).toMatchObject({ name: rootPackage.name, productName: 'GMAO Atelier', version: rootPackage.version, main: 'dist/electron/main.cjs' });
    expect(stagedPackage.devDependencies).toBeUndefined();
    expect(Object.keys(stagedPackage.dependencies).sort()).toEqual([...RUNTIME_EXTERNALS].sort());
    for (const name of RUNTIME_EXTERNALS) {
      expect(stagedPackage.dependencies[name]).toBe(JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version);
    }
  });

  it('main.cjs loads nothing from node_modules but the staged externals (everything else is bundled)', () => {
    const bundle = fs.readFileSync(path.join(root, 'dist/electron/main.cjs'), 'utf8');
    const required = new Set([...bundle.matchAll(/require\("([^"./][^"]*)"\)/g)].map((m) => m[1]).filter((name) => !name.startsWith('node:')));
    const builtins = new Set(['fs', 'path', 'os', 'crypto', 'util', 'events', 'stream', 'url', 'zlib', 'net', 'tls', 'dns', 'http', 'https', 'child_process', 'buffer', 'string_decoder', 'querystring', 'assert', 'readline', 'worker_threads', 'timers', 'punycode', 'util/types',
      // Node's legacy `constants` module: graceful-fs and fs-constants (under exceljs, bundled for the equipment import) read it.
      'constants']);
    expect([...required].filter((name) => !builtins.has(name)).sort()).toEqual(['electron', ...RUNTIME_EXTERNALS, ...OPTIONAL_NEVER_LOADED].sort());
  });

  it('leaves out the Node build of better-sqlite3 and never touches the one the tests use', () => {
    expect(staged.some((file) => file.startsWith('node_modules/better-sqlite3/build/'))).toBe(false);
    expect(staged).toContain('node_modules/better-sqlite3/binding.gyp');
    expect(signature(nodeBuild)).toBe(nodeBuildBefore);
  });
});

describe("electron-builder's native rebuild stays inside the staged app", () => {
  it('finds no workspace above the stage, and @electron/rebuild only reaches modules inside it', async () => {
    const collector = await import(path.join(root, 'node_modules/app-builder-lib/out/node-module-collector/index.js'));
    const env = await collector.determinePackageManagerEnv({ projectDir: stageDir, appDir: stageDir, workspaceRoot: undefined }).value;
    const workspaceRoot = await env.workspaceRoot;
    // electron-builder passes workspaceRoot || projectDir to @electron/rebuild as the search root.
    const projectRootPath = workspaceRoot || stageDir;
    expect(path.resolve(projectRootPath)).toBe(path.resolve(stageDir));

    const rebuildLib = path.join(root, 'node_modules/app-builder-lib/node_modules/@electron/rebuild/lib');
    const { ModuleWalker } = await import(path.join(rebuildLib, 'module-walker.js'));
    const walker = new ModuleWalker(stageDir, projectRootPath, ['prod', 'optional'], new Set(), undefined);
    await walker.walkModules();
    for (const nodeModules of await walker.nodeModulesPaths) await walker.findAllModulesIn(nodeModules);
    const modules: string[] = walker.modulesToRebuild;
    expect(modules.length).toBeGreaterThan(0);
    expect(modules).toContain(fs.realpathSync(path.join(stageDir, 'node_modules/better-sqlite3')));
    for (const module of modules) expect(module.startsWith(fs.realpathSync(stageDir) + path.sep), module).toBe(true);
  }, 60_000);
});

describe('what the installed app contains (electron-builder run on a stand-in Electron)', () => {
  it('app.asar holds the bundles, renderer and runtime modules only; natives unpacked; the password list beside it', async () => {
    // A stand-in for Electron's unpacked distribution: electron-builder copies it and renames the binary.
    // No rebuild (no network) and no fuses (they need the real binary); everything else is the real run.
    const fakeElectron = path.join(temp, 'fake-electron');
    fs.mkdirSync(path.join(fakeElectron, 'resources'), { recursive: true });
    fs.writeFileSync(path.join(fakeElectron, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(path.join(fakeElectron, 'chrome-sandbox'), '');
    const output = path.join(temp, 'out');
    const { build, Platform } = await import(path.join(root, 'node_modules/electron-builder/out/index.js'));
    const { default: config } = await import('../../electron-builder.config.mjs');
    await build({
      projectDir: stageDir,
      targets: Platform.LINUX.createTarget(['dir'], 1 /* x64 */),
      config: { ...config, electronDist: fakeElectron, npmRebuild: false, electronFuses: null, directories: { ...config.directories, output } },
      publish: 'never',
    });
    const resources = path.join(output, 'linux-unpacked', 'resources');
    // Linux packages also carry the site roles' script and the site server's systemd unit (issue 16).
    expect(fs.readdirSync(resources).sort()).toEqual(['app.asar', 'app.asar.unpacked', 'common-passwords.txt', 'gmao-atelier-role', 'gmao-atelier-server.service']);
    // The role script is run by IT as is: it must stay executable through electron-builder's copy.
    expect(fs.statSync(path.join(resources, 'gmao-atelier-role')).mode & 0o111).not.toBe(0);
    expect(fs.statSync(path.join(resources, 'common-passwords.txt')).size).toBe(fs.statSync(path.join(root, 'resources/common-passwords.txt')).size);

    const asar = await import(path.join(root, 'node_modules/@electron/asar/lib/asar.js'));
    const entries: string[] = asar.listPackage(path.join(resources, 'app.asar'), {}).map((entry: string) => entry.split(path.sep).join('/'));
    const topLevel = new Set(entries.map((entry) => entry.split('/')[1]));
    expect([...topLevel].sort()).toEqual(['dist', 'node_modules', 'package.json']);
    expect(entries.filter((e) => e.startsWith('/dist/') && !e.startsWith('/dist/renderer')).sort()).toEqual(['/dist/electron', '/dist/electron/db-worker.cjs', '/dist/electron/main.cjs', '/dist/electron/preload.cjs']);
    expect(entries.filter((e) => /\.(ts|tsx|map)$/.test(e))).toEqual([]);
    const modules = new Set(entries.filter((e) => e.startsWith('/node_modules/')).map((e) => e.split('/')[2]));
    const installOnly = new Set(installOnlyPackages(root).map((p: { name: string }) => p.name));
    for (const name of modules) expect(installOnly.has(name), name).toBe(false);
    expect(modules).toEqual(new Set(['bcrypt', 'better-sqlite3', 'bindings', 'file-uri-to-path', 'node-addon-api', 'node-gyp-build']));
    expect(entries.some((e) => e.startsWith('/node_modules/better-sqlite3/deps'))).toBe(false);

    const unpacked = listFiles(path.join(resources, 'app.asar.unpacked'));
    expect(unpacked.some((f: string) => f.startsWith('node_modules/better-sqlite3/'))).toBe(true);
    expect(unpacked.some((f: string) => f.startsWith('node_modules/bcrypt/prebuilds/') && f.endsWith('.node'))).toBe(true);
  }, 120_000);
});

describe('packaging preflight', () => {
  const base = {
    electronVersion: '40.8.5',
    hostPlatform: 'linux',
    hostArch: 'x64',
    installedElectronDist: null,
    cachedZip: () => null,
    canDownload: async () => false,
    hasWine: false,
    env: {},
  };

  it('uses the installed Electron for this OS, a cached zip or a reachable download', async () => {
    expect(await packagingPreflight({ ...base, targets: [{ platform: 'linux', arch: 'x64' }], installedElectronDist: '/r/node_modules/electron/dist' })).toMatchObject({
      ok: true,
      electronDist: '/r/node_modules/electron/dist',
    });
    expect(await packagingPreflight({ ...base, targets: [{ platform: 'linux', arch: 'x64' }], cachedZip: () => '/c/x.zip' })).toMatchObject({ ok: true, electronDist: null });
    const asked: string[] = [];
    const online = await packagingPreflight({
      ...base,
      targets: [{ platform: 'linux', arch: 'x64' }],
      canDownload: async (url: string) => {
        asked.push(url);
        return true;
      },
    });
    expect(online.ok).toBe(true);
    expect(asked).toEqual(['https://github.com/electron/electron/releases/download/v40.8.5/electron-v40.8.5-linux-x64.zip']);
  });

  it('refuses with every reason when nothing can be had, and asks for wine when building for Windows elsewhere', async () => {
    const result = await packagingPreflight({ ...base, targets: [{ platform: 'win32', arch: 'x64' }, { platform: 'linux', arch: 'x64' }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(3);
    expect(result.problems.join('\n')).toContain('electron-v40.8.5-win32-x64.zip');
    expect(result.problems.join('\n')).toContain('wine');
    expect(packagingImpossibleMessage(result.problems)).toMatch(/^Impossible de créer les installateurs sur ce poste/);
  });

  it('finds a zip in the Electron cache, at its top or one folder down, and honours ELECTRON_MIRROR', () => {
    const cache = path.join(temp, 'cache');
    const name = electronZipName('40.8.5', 'win32', 'x64');
    fs.mkdirSync(path.join(cache, 'abc123'), { recursive: true });
    expect(findCachedElectronZip([cache], name)).toBeNull();
    fs.writeFileSync(path.join(cache, 'abc123', name), '');
    expect(findCachedElectronZip([path.join(temp, 'missing'), cache], name)).toBe(path.join(cache, 'abc123', name));
    expect(electronCacheDirs({ ELECTRON_CACHE: '/e' }, 'linux', '/home/t')).toEqual(['/e', '/home/t/.cache/electron']);
    expect(electronCacheDirs({ LOCALAPPDATA: 'C:\\Users\\t\\AppData\\Local' }, 'win32', 'C:\\Users\\t')[0]).toContain('electron');
    expect(electronDownloadUrl('40.8.5', 'linux', 'x64', { ELECTRON_MIRROR: 'https://mirror.example/electron' })).toBe(
      'https://mirror.example/electron/v40.8.5/electron-v40.8.5-linux-x64.zip',
    );
  });

  it('maps the commands to targets', () => {
    expect(targetsFor([], 'linux', 'x64')).toEqual([{ platform: 'linux', arch: 'x64' }]);
    expect(targetsFor(['--win'], 'linux', 'x64')).toEqual([{ platform: 'win32', arch: 'x64' }]);
    expect(targetsFor(['--win', '--linux'], 'win32', 'x64')).toHaveLength(2);
    expect(() => targetsFor([], 'darwin', 'arm64')).toThrow(/Windows and Linux only/);
  });

  it('npm run package stops at once, with the message, when the binary cannot be had', () => {
    const cache = path.join(temp, 'empty-cache');
    fs.mkdirSync(cache, { recursive: true });
    // The other OS than this one: the installed Electron (if any) can't serve, nothing is cached, the mirror is dead.
    const target = process.platform === 'win32' ? '--linux' : '--win';
    const stageBefore = fs.existsSync(path.join(root, 'release/app')) ? fs.statSync(path.join(root, 'release/app')).mtimeMs : null;
    const started = Date.now();
    const run = spawnSync(process.execPath, ['build/scripts/package.mjs', target], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', ELECTRON_CACHE: cache, XDG_CACHE_HOME: cache, LOCALAPPDATA: cache },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Impossible de créer les installateurs sur ce poste');
    expect(run.stderr).toContain('Cannot build the installers on this machine');
    expect(Date.now() - started).toBeLessThan(15_000);
    // Refused before building or staging anything.
    expect(fs.existsSync(path.join(root, 'release/app')) ? fs.statSync(path.join(root, 'release/app')).mtimeMs : null).toBe(stageBefore);
  });
});
