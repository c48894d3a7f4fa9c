// Node (build). `npm run package` (this OS), `npm run package:win` (NSIS), `npm run package:linux` (AppImage, deb).
// 1. Preflight, before anything slow: Electron's binary for each target must be installed, cached or
//    downloadable, otherwise stop at once with a clear message (our build machines can't download it).
// 2. npm run build. 3. Stage the app into release/app (packaging.mjs explains why). 4. electron-builder on the
// staged app: rebuilds native modules for Electron there, flips the fuses, writes release/installers/.
// 5. Check that the repository's Node build of better-sqlite3 (used by the tests) was not touched.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { electronCacheDirs, electronZipName, findCachedElectronZip, packagingDirs, packagingImpossibleMessage, packagingPreflight, stageApp, targetsFor } from './packaging.mjs';
import { readElectronVersion, resolveElectronBinary } from './electron-native.mjs';

const rootDir = path.resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2);
const targets = targetsFor(args);
const electronVersion = readElectronVersion(rootDir);

// 1. Preflight.
const installed = resolveElectronBinary(rootDir);
const preflight = await packagingPreflight({
  targets,
  electronVersion,
  hostPlatform: process.platform,
  hostArch: process.arch,
  installedElectronDist: installed.ok ? path.join(rootDir, 'node_modules', 'electron', 'dist') : null,
  cachedZip: (target) => findCachedElectronZip(electronCacheDirs(), electronZipName(electronVersion, target.platform, target.arch)),
  canDownload,
  hasWine: spawnSync(process.platform === 'win32' ? 'where' : 'which', ['wine'], { stdio: 'ignore' }).status === 0,
  env: process.env,
});
if (!preflight.ok) {
  console.error(packagingImpossibleMessage(preflight.problems));
  process.exit(1);
}
for (const note of preflight.notes) console.log(`Electron ${note}`);

// 2. Build.
const npmCli = process.env.npm_execpath;
const built =
  npmCli && /\.[cm]?js$/.test(npmCli)
    ? spawnSync(process.execPath, [npmCli, 'run', 'build'], { cwd: rootDir, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { cwd: rootDir, stdio: 'inherit', shell: process.platform === 'win32' });
if (built.status !== 0) {
  console.error('La construction a échoué. / The build failed.');
  process.exit(built.status ?? 1);
}

// 3. Stage.
const { stageDir, outputDir } = packagingDirs(rootDir);
const nodeBuild = path.join(rootDir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const before = signature(nodeBuild);
const { files } = stageApp({ rootDir, stageDir });
console.log(`Application préparée dans ${path.relative(rootDir, stageDir)} (${files.length} fichiers).`);

// 4. electron-builder on the staged app.
const builderArgs = ['--projectDir', stageDir, '--config', path.join(rootDir, 'electron-builder.config.mjs'), '--publish', 'never'];
for (const target of targets) builderArgs.push(target.platform === 'win32' ? '--win' : '--linux');
builderArgs.push(`--${process.arch}`);
if (preflight.electronDist) builderArgs.push(`-c.electronDist=${preflight.electronDist}`);
const builder = spawnSync(path.join(rootDir, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder'), builderArgs, {
  cwd: stageDir,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});

// 5. The tests' build of better-sqlite3 must be exactly as before.
if (before !== null && signature(nodeBuild) !== before) {
  console.error(`ATTENTION / WARNING: ${path.relative(rootDir, nodeBuild)} changed during packaging; run \`npm rebuild better-sqlite3\`.`);
  process.exit(1);
}
if (builder.status !== 0) {
  console.error("electron-builder a échoué (voir ci-dessus). / electron-builder failed (see above).");
  process.exit(builder.status ?? 1);
}
console.log(`Installateurs / installers: ${path.relative(rootDir, outputDir)}`);
for (const name of fs.readdirSync(outputDir)) if (/\.(exe|AppImage|deb)$/.test(name)) console.log(`  ${name}`);

function signature(file) {
  try {
    const stat = fs.statSync(file);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return null;
  }
}

/** A HEAD request that follows redirects (GitHub release assets redirect), 8 s at most. */
async function canDownload(url) {
  try {
    const response = await fetch(url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(8000) });
    return response.ok;
  } catch {
    return false;
  }
}
