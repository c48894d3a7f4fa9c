import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFileCandidates, DataConfigError, machineDataDir, parseDataConfig, readFlag, resolveDataDir, resolveDataLocation } from './data-dir';

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
