// Node (build). `npm start`: check Electron's binary (downloading it with Electron's own installer the first
// time), build, make sure an Electron build of better-sqlite3 exists in .native/, then launch Electron with it.
// Extra arguments go to the app (e.g. --data-dir=...).
// node_modules/better-sqlite3 stays the Node build used by the tests: it is never rebuilt in place
// (see docs/native-modules.md).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  electronLaunchEnv,
  electronSqliteBindingPath,
  missingElectronMessage,
  nativeWorkDir,
  readElectronVersion,
  rebuildEnv,
  resolveElectronBinary,
  runElectronInstaller,
  skipsElectronDownload,
} from './electron-native.mjs';

const rootDir = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const launchBaseEnv = { ...process.env };

// 1. Before anything slow: Electron's binary. package.json's allowScripts keeps `npm install` from downloading
//    it (so installs work offline); the first `npm start` runs Electron's own installer instead, and only
//    if that fails (offline) stops with a message pointing to `npm run dev:web`.
let electron = resolveElectronBinary(rootDir);
if (!electron.ok) {
  if (skipsElectronDownload(process.env)) {
    console.error(missingElectronMessage(electron.reason, 'skipped'));
    process.exit(1);
  }
  console.log("Le binaire d'Electron n'est pas encore installé : téléchargement (node node_modules/electron/install.js)…");
  console.log("Electron's binary is not installed yet: downloading it (node node_modules/electron/install.js)…");
  const install = runElectronInstaller(rootDir, {
    // Tests point these at a stand-in installer and a short limit; nobody else needs them.
    installer: process.env.GMAO_ELECTRON_INSTALLER || undefined,
    timeoutMs: Number(process.env.GMAO_ELECTRON_INSTALL_TIMEOUT_MS) || undefined,
  });
  electron = resolveElectronBinary(rootDir);
  if (!electron.ok) {
    // After a failed download, the installer's own error (printed above) is the detail that matters.
    console.error(`\n${install.ok ? missingElectronMessage(electron.reason, 'installed-but-missing') : missingElectronMessage(`installer: ${install.detail}`, install.outcome)}`);
    process.exit(1);
  }
  console.log(`→ Electron : ${electron.path}\n`);
}

// 2. Renderer (vite) and main/preload (esbuild) into dist/.
const build = runNpm(['run', 'build']);
if (build.error || build.status !== 0) {
  console.error(`\nLa construction a échoué. / The build failed.${build.error ? ` (${build.error.message})` : ''}`);
  process.exit(typeof build.status === 'number' && build.status !== 0 ? build.status : 1);
}

// 3. The Electron build of better-sqlite3, made once per Electron version, platform and arch.
const electronVersion = readElectronVersion(rootDir);
const bindingPath = electronSqliteBindingPath(rootDir, { electronVersion });
if (!fs.existsSync(bindingPath)) {
  await buildElectronSqlite(bindingPath);
}

// 4. Launch, forwarding the exit code (and Ctrl+C / termination to Electron).
const child = spawn(electron.path, ['.', ...process.argv.slice(2)], {
  cwd: rootDir,
  env: electronLaunchEnv(launchBaseEnv, bindingPath),
  stdio: 'inherit',
});
child.on('error', (error) => {
  console.error(`Impossible de lancer Electron. / Could not launch Electron: ${error.message}`);
  process.exit(1);
});
child.on('close', (code, signal) => {
  if (code === null) {
    console.error(`Electron s'est arrêté (signal ${signal}). / Electron exited with signal ${signal}.`);
    process.exit(1);
  }
  process.exit(code);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (!child.killed) child.kill(signal);
  });
}

/** Runs npm (the same npm that runs this script, when there is one). */
function runNpm(args) {
  const npmCli = process.env.npm_execpath;
  if (npmCli && /\.[cm]?js$/.test(npmCli)) {
    return spawnSync(process.execPath, [npmCli, ...args], { cwd: rootDir, stdio: 'inherit' });
  }
  // npm is a .cmd on Windows, which only a shell can run.
  return spawnSync('npm', args, { cwd: rootDir, stdio: 'inherit', shell: process.platform === 'win32' });
}

/**
 * Copies better-sqlite3 (without its Node build) into .native/work, rebuilds that copy for Electron with
 * @electron/rebuild (prebuilt download, else node-gyp with Electron's headers), and keeps the result.
 */
async function buildElectronSqlite(target) {
  const original = path.join(rootDir, 'node_modules', 'better-sqlite3');
  const nodeBuild = path.join(original, 'build', 'Release', 'better_sqlite3.node');
  const nodeBuildBefore = fileSignature(nodeBuild);
  const workDir = nativeWorkDir(rootDir);
  const moduleCopy = path.join(workDir, 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(fs.readFileSync(path.join(original, 'package.json'), 'utf8'));

  console.log(`\nCompilation de better-sqlite3 ${version} pour Electron ${electronVersion} (une seule fois)…`);
  console.log(`Building better-sqlite3 ${version} for Electron ${electronVersion} (only once)…`);
  let failure = null;
  try {
    fs.rmSync(workDir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(moduleCopy), { recursive: true });
    fs.cpSync(original, moduleCopy, {
      recursive: true,
      // The Node build stays where it is; the copy gets its own build/.
      filter: (source) => {
        const relative = path.relative(original, source);
        return relative !== 'build' && !relative.startsWith(`build${path.sep}`);
      },
    });
    fs.writeFileSync(
      path.join(workDir, 'package.json'),
      `${JSON.stringify({ name: 'gmao-native-work', version: '0.0.0', private: true, dependencies: { 'better-sqlite3': version } }, null, 2)}\n`,
    );

    const { rebuild } = await loadRebuild();
    // node-gyp reads npm_config_* over its own arguments (e.g. a nodedir pointing at Node's headers).
    const sanitized = rebuildEnv(process.env);
    for (const name of Object.keys(process.env)) {
      if (!(name in sanitized)) delete process.env[name];
    }
    await rebuild({
      buildPath: workDir,
      // Stops the module search at the scratch folder: the repository's node_modules is never visited.
      projectRootPath: workDir,
      electronVersion,
      arch: process.arch,
      onlyModules: ['better-sqlite3'],
      force: true,
      mode: 'sequential',
    });

    const built = path.join(moduleCopy, 'build', 'Release', 'better_sqlite3.node');
    if (!fs.existsSync(built)) throw new Error(`${path.relative(rootDir, built)} was not produced`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const partial = `${target}.partial`;
    fs.copyFileSync(built, partial);
    fs.renameSync(partial, target);
    fs.rmSync(workDir, { recursive: true, force: true });
    console.log(`→ ${path.relative(rootDir, target)}\n`);
  } catch (error) {
    failure = error;
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  checkNodeBuildUntouched(nodeBuild, nodeBuildBefore);
  if (failure !== null) {
    console.error(rebuildFailedMessage(failure));
    process.exit(1);
  }
}

async function loadRebuild() {
  try {
    const imported = await import('@electron/rebuild');
    const rebuild = imported.rebuild ?? imported.default?.rebuild ?? imported.default;
    if (typeof rebuild !== 'function') throw new Error('@electron/rebuild does not export rebuild()');
    return { rebuild };
  } catch (error) {
    throw new Error(`@electron/rebuild is unavailable (npm install?): ${error instanceof Error ? error.message : String(error)}`);
  }
}

function rebuildFailedMessage(error) {
  const detail = error instanceof Error ? error.message : String(error);
  return [
    '',
    "Impossible de compiler better-sqlite3 pour Electron. La première fois, il faut Internet : le binaire",
    'précompilé (GitHub) ou les en-têtes d\'Electron (electronjs.org, gardés ensuite dans ~/.electron-gyp)',
    'sont téléchargés. Relancez `npm start` une fois connecté. Les tests (`npm test`) ne sont pas concernés :',
    'la version Node de better-sqlite3 dans node_modules n\'a pas été modifiée.',
    '',
    "Could not build better-sqlite3 for Electron. The first time needs internet access: the prebuilt binary",
    "(GitHub) or Electron's headers (electronjs.org, then cached in ~/.electron-gyp) are downloaded.",
    'Run `npm start` again once online. Tests (`npm test`) are unaffected: the Node build of better-sqlite3',
    'in node_modules was left untouched.',
    '',
    `(${detail})`,
  ].join('\n');
}

function fileSignature(file) {
  try {
    const stat = fs.statSync(file);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return null;
  }
}

/** Defensive: the rebuild only ever touches the scratch copy; shout if the Node build changed anyway. */
function checkNodeBuildUntouched(nodeBuild, before) {
  if (before !== null && fileSignature(nodeBuild) !== before) {
    console.error(
      `\nATTENTION / WARNING: ${path.relative(rootDir, nodeBuild)} changed during the Electron rebuild; ` +
        'reinstall it for Node with `npm rebuild better-sqlite3`.',
    );
  }
}
