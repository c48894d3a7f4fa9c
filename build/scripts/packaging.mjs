// Node (build). Helpers for `npm run package` and electron-builder.config.mjs, with no side effect on import.
//
// Why a staging folder (release/app): electron-builder rebuilds native modules for Electron in the project
// it packages, and @electron/rebuild searches node_modules from there up to the project root. Packaging the
// repository itself would rebuild node_modules/better-sqlite3 in place and break the Node build the tests use
// (docs/native-modules.md). So the app is first copied into release/app, a small project of its own: the
// built dist/, a package.json listing only the runtime dependencies, and a copy of exactly those packages
// (without their Node builds). electron-builder then packages and rebuilds *that* project; the repository's
// node_modules is never visited.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Modules main.cjs loads at run time from node_modules (kept external by build-main.mjs). */
export const RUNTIME_EXTERNALS = ['better-sqlite3', 'bcrypt'];
/**
 * Optional modules a bundled dependency requires lazily and never gets from us: pg's native client (on a path the app
 * never takes), and ws's native helpers bufferutil and utf-8-validate (the site server and a client PC's link), which
 * ws tries inside a try/catch and does without, in its own JavaScript, when they are absent — as in the packaged app.
 */
export const OPTIONAL_NEVER_LOADED = ['pg-native', 'bufferutil', 'utf-8-validate'];
/** Dependencies needed only to build or download a native binary, not by the running app. */
export const INSTALL_ONLY_PACKAGES = ['prebuild-install'];

export const STAGE_DIR_NAME = path.join('release', 'app');
export const OUTPUT_DIR_NAME = path.join('release', 'installers');

/** Where the staged app and the installers go, under the repository root (git-ignored release/). */
export function packagingDirs(rootDir) {
  return { stageDir: path.join(rootDir, STAGE_DIR_NAME), outputDir: path.join(rootDir, OUTPUT_DIR_NAME) };
}

/**
 * The packages `names` need at run time, resolved the way Node does (nearest node_modules upwards),
 * with their dependencies and optional dependencies (those that are installed).
 * @param {string} rootDir
 * @param {string[]} names
 * @param {{ skip?: string[] }} [options] packages not to enter (nor their own dependencies)
 * @returns {{ name: string, version: string, dir: string, relative: string }[]}
 */
export function dependencyClosure(rootDir, names, options = {}) {
  const skip = new Set(options.skip ?? []);
  const found = new Map();
  const queue = names.map((name) => ({ name, from: rootDir, optional: false }));
  while (queue.length > 0) {
    const { name, from, optional } = queue.shift();
    if (skip.has(name)) continue;
    const dir = resolvePackageDir(rootDir, from, name);
    if (dir === null) {
      if (optional) continue;
      throw new Error(`${name} (needed by ${path.relative(rootDir, from) || 'the app'}) is not installed: run npm install`);
    }
    if (found.has(dir)) continue;
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    found.set(dir, { name: pkg.name, version: pkg.version, dir, relative: path.relative(rootDir, dir) });
    for (const dep of Object.keys(pkg.dependencies ?? {})) queue.push({ name: dep, from: dir, optional: false });
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) queue.push({ name: dep, from: dir, optional: true });
  }
  return [...found.values()].sort((a, b) => a.relative.localeCompare(b.relative));
}

function resolvePackageDir(rootDir, from, name) {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === rootDir || path.dirname(dir) === dir) return null;
    dir = path.dirname(dir);
  }
}

/**
 * Packages copied into the staged app only so that @electron/rebuild can fetch a prebuilt binary
 * (prebuild-install and what only it needs): they are excluded from the installed app by the builder's
 * `files` patterns.
 */
export function installOnlyPackages(rootDir) {
  const all = dependencyClosure(rootDir, RUNTIME_EXTERNALS);
  const runtime = new Set(dependencyClosure(rootDir, RUNTIME_EXTERNALS, { skip: INSTALL_ONLY_PACKAGES }).map((p) => p.relative));
  return all.filter((p) => !runtime.has(p.relative));
}

/** The staged app's package.json: the product's identity, its entry point, its runtime dependencies only. */
export function stagedPackageJson(rootPackage, runtimeVersions) {
  return {
    name: rootPackage.name,
    productName: rootPackage.productName,
    version: rootPackage.version,
    description: rootPackage.description,
    author: rootPackage.author,
    license: rootPackage.license,
    private: true,
    main: rootPackage.main,
    dependencies: Object.fromEntries(RUNTIME_EXTERNALS.map((name) => [name, runtimeVersions[name]])),
  };
}

/**
 * Copies what ships into `stageDir` (emptied first): dist/electron/{main,db-worker,preload}.cjs, dist/renderer/,
 * package.json and the runtime dependency closure. Native packages lose their build/ folder (the Node build
 * made for the tests); electron-builder rebuilds them for Electron in the staged copy.
 * @returns {{ files: string[] }} the staged files, relative, sorted (for tests and the log)
 */
export function stageApp({ rootDir, stageDir, distDir = path.join(rootDir, 'dist') }) {
  const rootPackage = JSON.parse(fs.readFileSync(path.join(rootDir, 'package.json'), 'utf8'));
  for (const required of ['electron/main.cjs', 'electron/db-worker.cjs', 'electron/preload.cjs', 'renderer/index.html']) {
    if (!fs.existsSync(path.join(distDir, required))) throw new Error(`${path.join(distDir, required)} is missing: run npm run build first`);
  }
  if (path.resolve(stageDir) === path.resolve(rootDir)) throw new Error('The staging folder cannot be the repository');
  fs.rmSync(stageDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(stageDir, 'dist', 'electron'), { recursive: true });
  for (const file of ['main.cjs', 'db-worker.cjs', 'preload.cjs']) fs.copyFileSync(path.join(distDir, 'electron', file), path.join(stageDir, 'dist', 'electron', file));
  fs.cpSync(path.join(distDir, 'renderer'), path.join(stageDir, 'dist', 'renderer'), { recursive: true });

  const closure = dependencyClosure(rootDir, RUNTIME_EXTERNALS);
  const versions = Object.fromEntries(closure.filter((p) => p.relative === path.join('node_modules', p.name)).map((p) => [p.name, p.version]));
  fs.writeFileSync(path.join(stageDir, 'package.json'), `${JSON.stringify(stagedPackageJson(rootPackage, versions), null, 2)}\n`);

  for (const pkg of closure) {
    const native = fs.existsSync(path.join(pkg.dir, 'binding.gyp'));
    fs.cpSync(pkg.dir, path.join(stageDir, pkg.relative), {
      recursive: true,
      // Nested node_modules are copied as packages of their own (only those in the closure).
      // A native package's build/ is the Node build: never copied, never touched.
      filter: (source) => {
        const relative = path.relative(pkg.dir, source);
        const first = relative.split(path.sep)[0];
        if (first === 'node_modules') return false;
        if (native && first === 'build') return false;
        return true;
      },
    });
  }
  return { files: listFiles(stageDir) };
}

export function listFiles(dir, base = dir) {
  const result = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) result.push(...listFiles(full, base));
    else result.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return result.sort();
}

// ---------------------------------------------------------------------------------------------------------
// Preflight: can Electron's binary for each target be had? electron-builder needs the release zip of the
// exact Electron version per platform (from its cache, or downloaded from GitHub or ELECTRON_MIRROR).

/** electron-v40.8.5-win32-x64.zip */
export function electronZipName(version, platform, arch) {
  return `electron-v${version}-${platform}-${arch}.zip`;
}

export function electronDownloadUrl(version, platform, arch, env = process.env) {
  const mirror = env.ELECTRON_MIRROR || env.npm_config_electron_mirror || 'https://github.com/electron/electron/releases/download/';
  const base = mirror.endsWith('/') ? mirror : `${mirror}/`;
  return `${base}v${version}/${electronZipName(version, platform, arch)}`;
}

/** Where @electron/get keeps downloaded zips (ELECTRON_CACHE wins), per host platform. */
export function electronCacheDirs(env = process.env, platform = process.platform, home = os.homedir()) {
  const dirs = [];
  if (env.ELECTRON_CACHE) dirs.push(env.ELECTRON_CACHE);
  if (env.electron_config_cache) dirs.push(env.electron_config_cache);
  if (platform === 'win32') dirs.push(path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'electron', 'Cache'));
  else if (platform === 'darwin') dirs.push(path.join(home, 'Library', 'Caches', 'electron'));
  else dirs.push(path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'electron'));
  return dirs;
}

/** The zip in one of the cache folders (at their top or one level down, where @electron/get files it by URL hash). */
export function findCachedElectronZip(dirs, zipName) {
  for (const dir of dirs) {
    const direct = path.join(dir, zipName);
    if (fs.existsSync(direct)) return direct;
    let entries = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, zipName))) return path.join(dir, entry.name, zipName);
    }
  }
  return null;
}

/**
 * Decides, before anything slow, whether packaging can work here.
 * @param {{ targets: { platform: string, arch: string }[], electronVersion: string, hostPlatform: string,
 *   hostArch?: string, installedElectronDist: string | null, cachedZip: (t: { platform: string, arch: string }) => string | null,
 *   canDownload: (url: string) => Promise<boolean>, hasWine: boolean, env?: Record<string, string | undefined> }} input
 * @returns {Promise<{ ok: true, electronDist: string | null, notes: string[] } | { ok: false, problems: string[] }>}
 */
export async function packagingPreflight(input) {
  const problems = [];
  const notes = [];
  let electronDist = null;
  for (const target of input.targets) {
    const label = `${target.platform}-${target.arch}`;
    if (target.platform === input.hostPlatform && target.arch === (input.hostArch ?? process.arch) && input.installedElectronDist) {
      electronDist = input.installedElectronDist;
      notes.push(`${label}: Electron installé localement / local Electron (${input.installedElectronDist})`);
    } else if (input.cachedZip(target)) {
      notes.push(`${label}: ${input.cachedZip(target)}`);
    } else {
      const url = electronDownloadUrl(input.electronVersion, target.platform, target.arch, input.env);
      if (await input.canDownload(url)) notes.push(`${label}: téléchargement / download ${url}`);
      else problems.push(`${label}: ${electronZipName(input.electronVersion, target.platform, target.arch)} introuvable et impossible à télécharger / not cached and cannot be downloaded (${url})`);
    }
    if (target.platform === 'win32' && input.hostPlatform !== 'win32' && !input.hasWine) {
      problems.push(`${label}: construire l'installateur Windows hors de Windows demande wine (rcedit) / building the Windows installer off Windows needs wine`);
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, electronDist, notes };
}

export function packagingImpossibleMessage(problems) {
  return [
    "Impossible de créer les installateurs sur ce poste : electron-builder a besoin du binaire d'Electron de",
    'chaque plateforme cible (archive electron-vX-plateforme-arch.zip) et de ses propres outils (NSIS, AppImage,',
    "fpm), téléchargés depuis GitHub. Ce poste n'y a pas accès (c'est le cas de nos machines de construction).",
    '  - Lancez `npm run package` sur un poste relié à Internet (Windows pour package:win, Linux pour package:linux),',
    "  - ou déposez l'archive dans le cache d'Electron (ELECTRON_CACHE), ou indiquez un miroir (ELECTRON_MIRROR).",
    '',
    "Cannot build the installers on this machine: electron-builder needs Electron's binary for each target",
    'platform (electron-vX-platform-arch.zip) and its own tools (NSIS, AppImage, fpm), downloaded from GitHub,',
    'which this machine cannot reach. Run `npm run package` on a connected machine, or put the zip in the',
    "Electron cache (ELECTRON_CACHE), or set ELECTRON_MIRROR.",
    '',
    ...problems.map((problem) => `  × ${problem}`),
  ].join('\n');
}

/** Targets per command: package:win → Windows NSIS, package:linux → AppImage + deb, package → this OS. */
export function targetsFor(args, hostPlatform = process.platform, arch = process.arch) {
  const wantWin = args.includes('--win');
  const wantLinux = args.includes('--linux');
  const platforms = wantWin || wantLinux ? [...(wantWin ? ['win32'] : []), ...(wantLinux ? ['linux'] : [])] : [hostPlatform];
  for (const platform of platforms) {
    if (platform !== 'win32' && platform !== 'linux') throw new Error(`No installer is configured for ${platform} (Windows and Linux only)`);
  }
  return platforms.map((platform) => ({ platform, arch }));
}
