// Node (build). Helpers for `npm start`: find Electron's binary, and where the Electron build of
// better-sqlite3 lives. No side effects on import; see docs/native-modules.md for the why.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Resolves Electron's binary the way the `electron` package does: requiring it returns the binary's
 * path, and throws when the binary was never downloaded (no path.txt). The file must also exist.
 * @param {string} rootDir the repository root (holds package.json and node_modules)
 * @returns {{ ok: true, path: string } | { ok: false, reason: string }}
 */
export function resolveElectronBinary(rootDir) {
  const require = createRequire(path.join(rootDir, 'package.json'));
  let binaryPath;
  try {
    // Asked again after an install: a cached answer from before it would be stale.
    delete require.cache[require.resolve('electron')];
    binaryPath = require('electron');
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
  if (typeof binaryPath !== 'string' || binaryPath === '') {
    return { ok: false, reason: "require('electron') did not return a path" };
  }
  if (!fs.existsSync(binaryPath)) {
    return { ok: false, reason: `${binaryPath} does not exist` };
  }
  return { ok: true, path: binaryPath };
}

/** How long `npm start` lets Electron's installer download (about 100 MB) before giving up. */
export const ELECTRON_INSTALL_TIMEOUT_MS = 10 * 60_000;

/** Electron's own rule (node_modules/electron/install.js): any non-empty value skips the download. */
export function skipsElectronDownload(env) {
  return Boolean(env.ELECTRON_SKIP_BINARY_DOWNLOAD);
}

/**
 * Runs Electron's own installer, `node node_modules/electron/install.js` (what `npm install` would have run
 * without package.json's allowScripts), as a child process: its output and progress bar go to our terminal,
 * and it is stopped after `timeoutMs`. `installer` replaces the script (tests: a stand-in that needs no network).
 * @param {string} rootDir
 * @param {{ env?: Record<string, string | undefined>, installer?: string, timeoutMs?: number }} [options]
 * @returns {{ ok: true } | { ok: false, outcome: 'failed' | 'timeout', detail: string }}
 */
export function runElectronInstaller(rootDir, { env = process.env, installer, timeoutMs = ELECTRON_INSTALL_TIMEOUT_MS } = {}) {
  const script = installer ?? path.join(rootDir, 'node_modules', 'electron', 'install.js');
  const result = spawnSync(process.execPath, [script], { cwd: rootDir, env, stdio: 'inherit', timeout: timeoutMs, killSignal: 'SIGKILL' });
  if (result.error?.code === 'ETIMEDOUT') return { ok: false, outcome: 'timeout', detail: `stopped after ${Math.round(timeoutMs / 1000)} s` };
  if (result.error) return { ok: false, outcome: 'failed', detail: result.error.message };
  if (result.status !== 0) return { ok: false, outcome: 'failed', detail: result.signal ? `signal ${result.signal}` : `exit code ${result.status}` };
  return { ok: true };
}

/**
 * The message printed (French first) when Electron's binary is missing and `npm start` can't get it.
 * @param {string} [reason] why the binary was not found
 * @param {'skipped' | 'failed' | 'timeout' | 'installed-but-missing'} [attempt] what became of the download
 */
export function missingElectronMessage(reason, attempt) {
  const fr = {
    skipped:
      "  - ELECTRON_SKIP_BINARY_DOWNLOAD est défini : `npm start` n'a pas tenté le téléchargement. Retirez cette variable\n" +
      '    (ou lancez `node node_modules/electron/install.js`) sur un poste qui a accès à Internet.',
    failed:
      '  - Le téléchargement (`node node_modules/electron/install.js`, lancé par `npm start`) a échoué : ce poste n\'a\n' +
      "    sans doute pas accès à Internet (ou à github.com). Relancez `npm start` une fois connecté.",
    timeout:
      "  - Le téléchargement (`node node_modules/electron/install.js`) n'a pas abouti dans le temps imparti : connexion trop\n" +
      '    lente ou bloquée. Relancez `npm start`, ou lancez cette commande vous-même.',
    'installed-but-missing':
      "  - L'installateur d'Electron (`node node_modules/electron/install.js`) s'est terminé sans erreur, mais le binaire\n" +
      "    reste introuvable : supprimez node_modules/electron, puis `npm install` et `npm start`.",
  };
  const en = {
    skipped: '  - ELECTRON_SKIP_BINARY_DOWNLOAD is set, so `npm start` did not try to download it. Unset it (or run\n    `node node_modules/electron/install.js`) on a machine with internet access.',
    failed: '  - The download (`node node_modules/electron/install.js`, run by `npm start`) failed: this machine probably has\n    no internet access (or no access to github.com). Run `npm start` again once online.',
    timeout: '  - The download (`node node_modules/electron/install.js`) did not finish in time: the connection is too slow or\n    blocked. Run `npm start` again, or run that command yourself.',
    'installed-but-missing': "  - Electron's installer (`node node_modules/electron/install.js`) finished without error but the binary is still\n    missing: delete node_modules/electron, then `npm install` and `npm start`.",
  };
  return [
    "Le binaire d'Electron n'est pas installé sur ce poste : impossible de lancer GMAO Atelier.",
    attempt
      ? fr[attempt]
      : "  - Sur un poste avec Internet : `npm start` le télécharge (`node node_modules/electron/install.js`), sauf si\n    ELECTRON_SKIP_BINARY_DOWNLOAD=1 est défini.",
    "  - Sur ce poste : `npm run dev:web` ouvre l'application dans un navigateur.",
    '',
    "Electron's binary is not installed on this machine, so GMAO Atelier cannot be launched.",
    attempt
      ? en[attempt]
      : '  - With internet access, `npm start` downloads it (`node node_modules/electron/install.js`), unless\n    ELECTRON_SKIP_BINARY_DOWNLOAD=1 is set.',
    '  - On this machine: `npm run dev:web` serves the app to a browser.',
    ...(reason ? ['', `Détail / detail: ${reason}`] : []),
  ].join('\n');
}

/** Electron's version, from node_modules/electron/package.json. */
export function readElectronVersion(rootDir) {
  const file = path.join(rootDir, 'node_modules', 'electron', 'package.json');
  const { version } = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (typeof version !== 'string' || version === '') throw new Error(`No version in ${file}`);
  return version;
}

/** Where the Electron builds of native modules are kept, away from node_modules (git-ignored). */
export function nativeDir(rootDir) {
  return path.join(rootDir, '.native');
}

/** Scratch folder where better-sqlite3 is copied and rebuilt for Electron. */
export function nativeWorkDir(rootDir) {
  return path.join(nativeDir(rootDir), 'work');
}

/**
 * The Electron build of better-sqlite3 used by `npm start`:
 * .native/electron-<version>-<platform>-<arch>/better_sqlite3.node
 * @param {string} rootDir
 * @param {{ electronVersion: string, platform?: string, arch?: string }} target
 */
export function electronSqliteBindingPath(rootDir, { electronVersion, platform = process.platform, arch = process.arch }) {
  return path.join(nativeDir(rootDir), `electron-${electronVersion}-${platform}-${arch}`, 'better_sqlite3.node');
}

// npm exports its settings to scripts as npm_config_* variables, and node-gyp lets those override its
// command line: a `nodedir` (set in some ~/.npmrc) would silently build against Node's headers instead of
// Electron's, `target`/`runtime`/`disturl` would pick another runtime. None of them may reach the rebuild.
const REBUILD_BLOCKED_NPM_CONFIG = new Set([
  'nodedir',
  'target',
  'target_arch',
  'arch',
  'runtime',
  'disturl',
  'dist_url',
  'devdir',
  'platform',
  'build_from_source',
  'node_gyp',
]);

/** A copy of env without the npm_config_* variables that would redirect node-gyp/prebuild-install. */
export function rebuildEnv(env) {
  /** @type {Record<string, string | undefined>} */
  const result = {};
  for (const [name, value] of Object.entries(env)) {
    const lower = name.toLowerCase();
    if (lower.startsWith('npm_config_')) {
      const key = lower.slice('npm_config_'.length).replace(/-/g, '_');
      if (REBUILD_BLOCKED_NPM_CONFIG.has(key)) continue;
    }
    result[name] = value;
  }
  return result;
}

/** The environment Electron is launched with: the Electron build of better-sqlite3, never "run as Node". */
export function electronLaunchEnv(env, bindingPath) {
  const result = { ...env, GMAO_SQLITE_BINDING: bindingPath };
  // Set by some editors' terminals; it would make the binary behave as plain Node.
  delete result.ELECTRON_RUN_AS_NODE;
  return result;
}
