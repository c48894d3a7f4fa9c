// Build (electron-builder). The installers: Windows NSIS (per-machine by default, folder of choice, Start
// menu and desktop shortcuts, data kept on uninstall unless asked, optional shared data folder, the site role:
// poste autonome / client / serveur de site), Linux AppImage and deb (with the role script and the server's unit). `npm run package` stages the app into release/app first and packages that (see
// build/scripts/packaging.mjs for why), so every path here is absolute. tests/scripts/builder-config.test.ts
// loads this file and checks targets, fuses, asar unpacking, what ships and the icons.
import fs from 'node:fs';
import path from 'node:path';
import { installOnlyPackages, OUTPUT_DIR_NAME } from './build/scripts/packaging.mjs';

const root = import.meta.dirname;
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
const build = (...parts) => path.join(root, 'build', ...parts);

/** Install-time helpers (prebuild-install and what only it needs) stay out of the installed app. */
const installOnly = installOnlyPackages(root).map((p) => `!${p.relative.split(path.sep).join('/')}{,/**}`);

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'fr.gmao-atelier.desktop',
  productName: pkg.productName,
  // Reset and invitation emails carry gmao-atelier://reset?token=… (electron/core/email/one-time-codes.ts):
  // the installers register the scheme (Windows registry via NSIS, the deb/AppImage .desktop MimeType).
  protocols: [{ name: 'GMAO Atelier', schemes: ['gmao-atelier'] }],
  copyright: `Copyright © ${new Date().getFullYear()} ${pkg.author}`,
  electronVersion,
  directories: { buildResources: build(), output: path.join(root, OUTPUT_DIR_NAME) },

  // What goes into app.asar, relative to the staged app: the bundles, the renderer build, package.json.
  // node_modules holds only the runtime dependencies (the stage has nothing else), minus install-only ones.
  files: [
    'package.json',
    'dist/electron/main.cjs',
    // The database worker (integrity checks, backup rebuilds, the audit CSV): main starts it from beside itself.
    'dist/electron/db-worker.cjs',
    'dist/electron/preload.cjs',
    'dist/renderer/**/*',
    '!**/*.map',
    '!**/*.{ts,tsx,mts,cts}',
    '!**/{test,tests,__tests__,docs,example,examples,.github}{,/**}',
    '!**/*.{md,markdown}',
    '!node_modules/better-sqlite3/{deps,src}{,/**}',
    '!node_modules/bcrypt/{src,Dockerfile,Dockerfile-alpine,Makefile,build-all.sh}{,/**}',
    ...installOnly,
  ],
  // The offline list of common passwords read by the password policy, beside app.asar:
  // process.resourcesPath/common-passwords.txt (bundledResourcesDir in electron/core/kernel/platform/resources-dir.ts).
  extraResources: [{ from: path.join(root, 'resources', 'common-passwords.txt'), to: 'common-passwords.txt' }],
  asar: true,
  // Native modules can't be loaded from inside an asar archive.
  asarUnpack: ['**/*.node', 'node_modules/better-sqlite3/**', 'node_modules/bcrypt/**'],

  // Native modules are rebuilt for this Electron in the staged copy (prebuilt binary first, else node-gyp).
  npmRebuild: true,
  nativeRebuilder: 'sequential',
  buildDependenciesFromSource: false,

  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    // We serve the renderer from app://, never file://.
    grantFileProtocolExtraPrivileges: false,
  },

  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: build('icon.ico'),
    executableName: 'GMAO Atelier',
    requestedExecutionLevel: 'asInvoker',
  },
  nsis: {
    oneClick: false,
    // The installer asks "for everyone on this computer" or "only for me", everyone selected: a shop PC
    // is shared. Choosing everyone asks for administrator rights.
    perMachine: false,
    selectPerMachineByDefault: true,
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: pkg.productName,
    menuCategory: false,
    runAfterFinish: true,
    // The database, backups and logs survive an uninstall; build/gmao-installer.nsh asks whether to delete them.
    deleteAppDataOnUninstall: false,
    include: build('gmao-installer.nsh'),
    installerIcon: build('icon.ico'),
    uninstallerIcon: build('icon.ico'),
    installerHeaderIcon: build('icon.ico'),
    language: '1036',
    installerLanguages: ['fr_FR'],
    multiLanguageInstaller: false,
    artifactName: 'GMAO-Atelier-Setup-${version}.${ext}',
  },

  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ],
    icon: build('icons'),
    executableName: 'gmao-atelier',
    category: 'Office',
    synopsis: 'GMAO de bureau pour les postes partagés d’atelier',
    description: pkg.description,
    maintainer: 'GMAO Atelier <support@gmao-atelier.invalid>',
    desktop: { entry: { Name: pkg.productName, Comment: pkg.description, StartupWMClass: pkg.productName } },
    // Issue 16's roles on Linux: IT runs resources/gmao-atelier-role (standalone | client <adresse> | server), which
    // writes gmao-atelier.json or installs and starts the site server's systemd unit (docs/site-server.md).
    extraResources: [
      { from: build('linux', 'gmao-atelier-role'), to: 'gmao-atelier-role' },
      { from: build('linux', 'gmao-atelier-server.service'), to: 'gmao-atelier-server.service' },
    ],
  },
  appImage: { artifactName: 'GMAO-Atelier-${version}-${arch}.AppImage' },
  deb: { packageCategory: 'misc', priority: 'optional', artifactName: 'gmao-atelier_${version}_${arch}.deb' },
};

export default config;
