import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  configFileCandidates,
  DataConfigError,
  DataLocationError,
  isNetworkPath,
  machineDataDir,
  NetworkDataDirError,
  parseDataConfig,
  readFlag,
  resolveDataDir,
  resolveDataLocation,
} from './data-dir';

describe('data folder', () => {
  const defaultDir = '/home/tech/.config/GMAO Atelier';

  it('defaults to the platform folder', () => {
    expect(resolveDataDir({ argv: [], env: {}, defaultDir })).toBe(path.resolve(defaultDir));
  });

  it('takes GMAO_DATA_DIR over the default, and --data-dir over both', () => {
    expect(resolveDataDir({ argv: [], env: { GMAO_DATA_DIR: '/srv/gmao' }, defaultDir })).toBe('/srv/gmao');
    expect(resolveDataDir({ argv: ['--data-dir', '/mnt/partage'], env: { GMAO_DATA_DIR: '/srv/gmao' }, defaultDir })).toBe('/mnt/partage');
    expect(resolveDataDir({ argv: ['--data-dir=/mnt/x'], env: {}, defaultDir })).toBe('/mnt/x');
  });

  it('ignores empty values instead of using the current folder', () => {
    expect(resolveDataDir({ argv: ['--data-dir='], env: { GMAO_DATA_DIR: ' ' }, defaultDir })).toBe(path.resolve(defaultDir));
    expect(readFlag(['--data-dir'], '--data-dir')).toBeUndefined();
  });
});

describe('shared data folder (config file beside the executable)', () => {
  const defaultDir = '/home/tech/.config/GMAO Atelier';
  const files = (entries: Record<string, string>) => (file: string) => entries[file] ?? null;

  it('selects the machine-wide folder with {"dataMode":"shared"}, per platform', () => {
    const winExe = 'C:\\Program Files\\GMAO Atelier\\GMAO Atelier.exe';
    const winConfig = configFileCandidates({ exePath: winExe, env: {}, platform: 'win32' });
    expect(winConfig).toEqual(['C:\\Program Files\\GMAO Atelier\\gmao-atelier.json']);
    const win = resolveDataLocation({
      argv: [],
      env: { ProgramData: 'C:\\ProgramData' },
      defaultDir: 'C:\\Users\\tech\\AppData\\Roaming\\GMAO Atelier',
      platform: 'win32',
      configFiles: winConfig,
      readFile: files({ [winConfig[0]]: '\uFEFF{ "dataMode": "shared" }\r\n' }),
    });
    expect(win).toEqual({ dir: 'C:\\ProgramData\\GMAO Atelier', mode: 'shared', configFile: winConfig[0] });

    const linux = resolveDataLocation({
      argv: [],
      env: {},
      defaultDir,
      platform: 'linux',
      configFiles: ['/opt/GMAO Atelier/gmao-atelier.json'],
      readFile: files({ '/opt/GMAO Atelier/gmao-atelier.json': '{"dataMode":"shared"}' }),
    });
    expect(linux).toEqual({ dir: '/var/lib/gmao-atelier', mode: 'shared', configFile: '/opt/GMAO Atelier/gmao-atelier.json' });
  });

  it('takes an explicit folder, relative ones against the config file folder', () => {
    const readFile = files({ '/opt/gmao/gmao-atelier.json': '{"dataDir":"donnees"}' });
    expect(resolveDataLocation({ argv: [], env: {}, defaultDir, platform: 'linux', configFiles: ['/opt/gmao/gmao-atelier.json'], readFile })).toEqual({
      dir: '/opt/gmao/donnees',
      mode: 'configured',
      configFile: '/opt/gmao/gmao-atelier.json',
    });
    expect(parseDataConfig('{"dataDir":"D:\\\\GMAO"}', 'C:\\GMAO Atelier\\gmao-atelier.json', 'win32', {})).toEqual({ dir: 'D:\\GMAO', mode: 'configured' });
  });

  it('lets --data-dir and GMAO_DATA_DIR win over the config file', () => {
    const common = { defaultDir, platform: 'linux' as const, configFiles: ['/opt/g/gmao-atelier.json'], readFile: files({ '/opt/g/gmao-atelier.json': '{"dataMode":"shared"}' }) };
    expect(resolveDataLocation({ ...common, argv: ['--data-dir', '/mnt/cle'], env: {} })).toEqual({ dir: '/mnt/cle', mode: 'argument', configFile: null });
    expect(resolveDataLocation({ ...common, argv: [], env: { GMAO_DATA_DIR: '/srv/g' } })).toEqual({ dir: '/srv/g', mode: 'environment', configFile: null });
  });

  it('falls back to the per-user folder without a file or with {"dataMode":"user"}', () => {
    const base = { argv: [], env: {}, defaultDir, platform: 'linux' as const, configFiles: ['/opt/g/gmao-atelier.json'] };
    expect(resolveDataLocation({ ...base, readFile: () => null })).toEqual({ dir: defaultDir, mode: 'user', configFile: null });
    expect(resolveDataLocation({ ...base, readFile: () => '{"dataMode":"user"}' }).mode).toBe('user');
  });

  it('refuses a broken file loudly instead of splitting the data into per-user folders', () => {
    const attempt = (text: string) => () =>
      resolveDataLocation({ argv: [], env: {}, defaultDir, platform: 'linux', configFiles: ['/opt/g/gmao-atelier.json'], readFile: () => text });
    expect(attempt('{dataMode: shared}')).toThrow(DataConfigError);
    expect(attempt('{"dataMode":"partagé"}')).toThrow(/dataMode/);
    expect(attempt('["shared"]')).toThrow(DataConfigError);
    expect(attempt('{"dataDir":""}')).toThrow(DataConfigError);
    expect(attempt('{"dataMode":"shared","dataDir":"/x"}')).toThrow(DataConfigError);
    expect(attempt('{dataMode: shared}')).toThrow(/\/opt\/g\/gmao-atelier\.json/);
  });

  it('looks beside the .AppImage file first, then beside the executable', () => {
    expect(configFileCandidates({ exePath: '/tmp/.mount_GMAOx/gmao-atelier', env: { APPIMAGE: '/opt/apps/GMAO-Atelier.AppImage' }, platform: 'linux' })).toEqual([
      '/opt/apps/gmao-atelier.json',
      '/tmp/.mount_GMAOx/gmao-atelier.json',
    ]);
  });

  it('finds ProgramData from the environment, with the Windows default otherwise', () => {
    expect(machineDataDir('win32', { ProgramData: 'D:\\PD' })).toBe('D:\\PD\\GMAO Atelier');
    expect(machineDataDir('win32', {})).toBe('C:\\ProgramData\\GMAO Atelier');
  });
});

describe('network shares are refused (SQLite WAL is not safe on a network file system)', () => {
  const defaultDir = '/home/tech/.config/GMAO Atelier';
  const shares = ['\\\\serveur\\gmao', '\\\\serveur\\gmao\\donnees', '//serveur/gmao', '\\/serveur/gmao', '\\\\?\\UNC\\serveur\\gmao', '//?/UNC/serveur/gmao', '\\\\.\\UNC\\serveur\\gmao', '\\\\?\\GLOBALROOT\\Device\\Mup\\serveur\\gmao', ' \\\\serveur\\gmao'];

  it('recognises every spelling of a share, and nothing local', () => {
    for (const share of shares) expect(isNetworkPath(share), share).toBe(true);
    for (const local of ['C:\\GMAO', 'D:/GMAO', '\\\\?\\C:\\GMAO', '\\\\.\\D:\\GMAO', '\\GMAO', '/srv/gmao', '/mnt/partage', 'donnees', '']) {
      expect(isNetworkPath(local), local).toBe(false);
    }
  });

  it('refuses a share from --data-dir, GMAO_DATA_DIR and the config file, with a French message naming the fix', () => {
    for (const share of shares) {
      for (const platform of ['win32', 'linux'] as const) {
        const fromArg = () => resolveDataLocation({ argv: [`--data-dir=${share}`], env: {}, defaultDir, platform });
        expect(fromArg, share).toThrow(NetworkDataDirError);
        expect(fromArg, share).toThrow(/partage réseau[\s\S]*--data-dir[\s\S]*serveur de site/);
        const fromEnv = () => resolveDataLocation({ argv: [], env: { GMAO_DATA_DIR: share }, defaultDir, platform });
        expect(fromEnv, share).toThrow(/partage réseau[\s\S]*GMAO_DATA_DIR/);
        const fromFile = () =>
          resolveDataLocation({ argv: [], env: {}, defaultDir, platform, configFiles: ['/opt/g/gmao-atelier.json'], readFile: () => JSON.stringify({ dataDir: share }) });
        expect(fromFile, share).toThrow(/partage réseau[\s\S]*gmao-atelier\.json/);
      }
    }
  });

  it('refuses a share reached another way: a ProgramData, a profile or a config file living on the network', () => {
    expect(() => resolveDataLocation({ argv: [], env: { ProgramData: '\\\\srv\\pd' }, defaultDir, platform: 'win32', configFiles: ['C:\\g\\gmao-atelier.json'], readFile: () => '{"dataMode":"shared"}' })).toThrow(
      /ProgramData/,
    );
    expect(() => resolveDataLocation({ argv: [], env: {}, defaultDir: '\\\\srv\\profils\\tech\\AppData\\Roaming\\GMAO Atelier', platform: 'win32' })).toThrow(/profil est redirigé/);
    // A relative "dataDir" beside an executable started from a share.
    const besideShare = () =>
      resolveDataLocation({ argv: [], env: {}, defaultDir, platform: 'win32', configFiles: ['\\\\srv\\apps\\gmao-atelier.json'], readFile: () => '{"dataDir":"donnees"}' });
    expect(besideShare).toThrow(NetworkDataDirError);
    expect(besideShare).toThrow(/\\\\srv\\apps\\donnees[\s\S]*gmao-atelier\.json/);
  });

  it('is a DataLocationError, shown at start-up like a broken config file', () => {
    let caught: unknown;
    try {
      resolveDataLocation({ argv: ['--data-dir', '\\\\serveur\\gmao'], env: {}, defaultDir });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DataLocationError);
    expect(new DataConfigError('/x.json', 'r')).toBeInstanceOf(DataLocationError);
    expect((caught as Error).message).toMatch(/^Le dossier de données \\\\serveur\\gmao est sur un partage réseau/);
  });

  it('still takes local folders from every source', () => {
    expect(resolveDataLocation({ argv: ['--data-dir', '/srv/gmao'], env: {}, defaultDir }).dir).toBe('/srv/gmao');
    expect(parseDataConfig('{"dataDir":"\\\\\\\\?\\\\D:\\\\GMAO"}', 'C:\\g\\gmao-atelier.json', 'win32', {})).toEqual({ dir: '\\\\?\\D:\\GMAO', mode: 'configured' });
  });
});
