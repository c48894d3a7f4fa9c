import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledResourcesDir } from './resources-dir';

describe('bundled resources folder', () => {
  it('is process.resourcesPath when packaged, the repository resources/ otherwise', () => {
    expect(bundledResourcesDir({ isPackaged: true, resourcesPath: '/opt/GMAO Atelier/resources', appPath: '/opt/GMAO Atelier/resources/app.asar' })).toBe('/opt/GMAO Atelier/resources');
    expect(bundledResourcesDir({ isPackaged: false, resourcesPath: '/x', appPath: '/work/gmao' })).toBe(path.join('/work/gmao', 'resources'));
  });
});
