// Node (build). Helpers for `npm start`: find Electron's binary, and where the Electron build of
// better-sqlite3 lives. No side effects on import; see docs/native-modules.md for the why.
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

/** The message printed (French first) when Electron's binary is missing. */
export function missingElectronMessage(reason) {
  return [
    "Le binaire d'Electron n'est pas installé sur ce poste (dépendances installées avec",
    'ELECTRON_SKIP_BINARY_DOWNLOAD=1, ou sans accès à Internet) : impossible de lancer GMAO Atelier.',
    '  - Sur un poste avec Internet : `node node_modules/electron/install.js` télécharge le binaire',
    "    (`npm install` ne le fait pas : le champ allowScripts de package.json bloque le script d'installation d'electron).",
    "  - Sur ce poste : `npm run dev:web` ouvre l'application dans un navigateur.",
    '',
    "Electron's binary is not installed on this machine (dependencies were installed with",
    'ELECTRON_SKIP_BINARY_DOWNLOAD=1, or offline), so GMAO Atelier cannot be launched.',
    '  - On a machine with internet access: `node node_modules/electron/install.js` downloads the binary',
    "    (`npm install` does not: package.json's allowScripts blocks electron's install script).",
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
