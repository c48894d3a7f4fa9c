// The installer configuration, checked without Electron's binary (packaging itself can't run on our build
// machines): targets, NSIS options, fuses, asar unpacking, what ships, and the icons.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS_FILE } from '../../electron/core/auth/common-passwords';
import { DEEP_LINK_SCHEME } from '../../electron/core/email/one-time-codes';
import { DATA_CONFIG_FILE_NAME } from '../../electron/core/kernel/platform/data-dir';
import { bundledResourcesDir } from '../../electron/core/kernel/platform/resources-dir';

const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, string>;
// Loosely typed on purpose: the test reads nested options the way electron-builder does.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const config: any = (await import('../../electron-builder.config.mjs')).default;

describe('electron-builder configuration', () => {
  it('names the product, with an app id, and copyright and version from package.json', () => {
    expect(config.productName).toBe('GMAO Atelier');
    expect(config.productName).toBe(pkg.productName);
    expect(config.appId).toMatch(/^[a-z]{2,}\.[a-z0-9-]+\.[a-z0-9-]+$/);
    expect(config.copyright).toContain(pkg.author);
    expect(config.copyright).toContain(String(new Date().getFullYear()));
    // No version in the config: electron-builder takes the staged package.json's, copied from the root one.
    expect(config.version).toBeUndefined();
    expect(config.electronVersion).toBe(JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version);
  });

  it('registers the reset links’ scheme, the same one main parses', () => {
    expect(config.protocols).toEqual([{ name: 'GMAO Atelier', schemes: [DEEP_LINK_SCHEME] }]);
  });

  it('builds Windows NSIS and Linux AppImage + deb for x64', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.linux.target).toEqual([
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ]);
    expect(config.linux.maintainer).toMatch(/<.+@.+>/); // deb refuses a package without one
  });

  it('makes an assisted NSIS installer: per-machine by default, folder of choice, shortcuts, data kept on uninstall', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      selectPerMachineByDefault: true,
      allowElevation: true,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      shortcutName: 'GMAO Atelier',
      deleteAppDataOnUninstall: false,
    });
    const include = fs.readFileSync(config.nsis.include, 'utf8');
    // Asks before deleting data, "Non" by default, never on updates or silent uninstalls.
    expect(include).toMatch(/!macro customUnInstall[\s\S]*\$\{IfNot\} \$\{isUpdated\}[\s\S]*\$\{AndIfNot\} \$\{Silent\}[\s\S]*MB_DEFBUTTON2[\s\S]*\/SD IDNO/);
    // The shared-data page, and the file the app reads (electron/core/kernel/platform/data-dir.ts).
    expect(include).toContain('!macro customPageAfterChangeDir');
    expect(include).toContain(`!define GMAO_CONFIG_FILE "${DATA_CONFIG_FILE_NAME}"`);
    expect(include).toContain(`FileWrite $0 '{"dataMode":"shared"}`);
    expect(include).toContain('*S-1-5-32-545:(OI)(CI)M');
  });

  it('sets the fuses: no run-as-node, NODE_OPTIONS or --inspect; cookie encryption, asar integrity, asar only', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs into asar, unpacks the native modules, and rebuilds them for Electron at packaging time', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'node_modules/better-sqlite3/**', 'node_modules/bcrypt/**']));
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(false);
  });

  it('ships the bundles, the renderer build and package.json only, never sources, tests or docs', () => {
    const included = config.files.filter((pattern: string) => !pattern.startsWith('!'));
    expect(included).toEqual(['package.json', 'dist/electron/main.cjs', 'dist/electron/db-worker.cjs', 'dist/electron/preload.cjs', 'dist/renderer/**/*']);
    const excluded = config.files.filter((pattern: string) => pattern.startsWith('!'));
    expect(excluded).toEqual(expect.arrayContaining(['!**/*.map', '!**/*.{ts,tsx,mts,cts}', '!node_modules/prebuild-install{,/**}']));
    // The packaged staging folder is the project electron-builder sees: output and resources are absolute.
    expect(path.isAbsolute(config.directories.output)).toBe(true);
    expect(config.directories.output.startsWith(path.join(root, 'release'))).toBe(true);
  });

  it('ships the common-password list where main looks for it', () => {
    expect(config.extraResources).toEqual([{ from: path.join(root, 'resources', COMMON_PASSWORDS_FILE), to: COMMON_PASSWORDS_FILE }]);
    expect(fs.statSync(config.extraResources[0].from).size).toBeGreaterThan(100_000);
    const resourcesPath = '/opt/GMAO Atelier/resources';
    expect(path.join(bundledResourcesDir({ isPackaged: true, resourcesPath, appPath: '' }), COMMON_PASSWORDS_FILE)).toBe(path.join(resourcesPath, config.extraResources[0].to));
  });
});

describe('icons', () => {
  const png = (file: string) => {
    const data = fs.readFileSync(file);
    expect(data.subarray(0, 8).toString('hex'), file).toBe('89504e470d0a1a0a');
    expect(data.subarray(12, 16).toString('ascii')).toBe('IHDR');
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), bytes: data.length };
  };

  it('has a Linux icon set from 16 to 1024 px and a 1024 px icon.png', () => {
    expect(config.linux.icon).toBe(path.join(root, 'build', 'icons'));
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(png(path.join(root, 'build', 'icons', `${size}x${size}.png`))).toMatchObject({ width: size, height: size });
    }
    expect(png(path.join(root, 'build', 'icon.png'))).toMatchObject({ width: 1024, height: 1024 });
  });

  it('has a Windows .ico with 16 to 256 px entries, used by the exe and the installer', () => {
    for (const file of [config.win.icon, config.nsis.installerIcon, config.nsis.uninstallerIcon]) expect(file).toBe(path.join(root, 'build', 'icon.ico'));
    const ico = fs.readFileSync(config.win.icon);
    expect(ico.readUInt16LE(2)).toBe(1); // icon
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256);
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
    // Each entry lies inside the file.
    for (let i = 0; i < count; i++) {
      const length = ico.readUInt32LE(6 + i * 16 + 8);
      const offset = ico.readUInt32LE(6 + i * 16 + 12);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
    }
  });

  it('is a real drawing in the app colours, not a placeholder', () => {
    // The 32 px entry is a 32-bit BMP (BGRA, bottom-up): count the brand blue and the accent yellow.
    const ico = fs.readFileSync(path.join(root, 'build', 'icon.ico'));
    const offset = ico.readUInt32LE(6 + 2 * 16 + 12);
    expect(ico.readUInt32LE(offset)).toBe(40);
    const pixels = ico.subarray(offset + 40, offset + 40 + 32 * 32 * 4);
    let blue = 0;
    let yellow = 0;
    let white = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const [b, g, r, a] = [pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]];
      if (a < 200) continue;
      if (b > 80 && r < 60 && g < 100) blue++;
      else if (r > 220 && g > 150 && b < 120) yellow++;
      else if (r > 230 && g > 230 && b > 230) white++;
    }
    expect(blue).toBeGreaterThan(200);
    expect(yellow).toBeGreaterThan(60);
    expect(white).toBeGreaterThan(30);
    expect(fs.readFileSync(path.join(root, 'build', 'icon.svg'), 'utf8')).toContain('#f6b93b');
  });
});
