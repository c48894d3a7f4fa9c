import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFlag, resolveDataDir } from './data-dir';

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
