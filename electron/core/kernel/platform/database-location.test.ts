// Node (tests). Which engine: the command line, then the environment, then gmao-atelier.json; SQLite otherwise.
import { describe, expect, it } from 'vitest';
import { DataConfigError } from './data-dir';
import { resolveDatabaseLocation } from './database-location';

const files = (content: Record<string, string>) => ({ configFiles: Object.keys(content), readFile: (file: string) => content[file] ?? null });

describe('the database location', () => {
  it('is SQLite in the data folder when nothing says otherwise', () => {
    expect(resolveDatabaseLocation({ argv: [], env: {} })).toEqual({ url: null, source: 'default', configFile: null });
    expect(resolveDatabaseLocation({ argv: [], env: {}, ...files({ '/opt/gmao-atelier.json': '{"dataMode":"shared"}' }) }).url).toBeNull();
  });

  it('takes --database-url first, then GMAO_DATABASE_URL, then "databaseUrl" in the config file', () => {
    const config = files({ '/opt/gmao-atelier.json': '{"databaseUrl":"postgres://gmao@fichier/gmao"}' });
    const env = { GMAO_DATABASE_URL: 'postgres://gmao@env/gmao' };
    expect(resolveDatabaseLocation({ argv: ['--database-url', 'postgres://gmao@arg/gmao'], env, ...config })).toMatchObject({ url: 'postgres://gmao@arg/gmao', source: 'argument' });
    expect(resolveDatabaseLocation({ argv: [], env, ...config })).toMatchObject({ url: 'postgres://gmao@env/gmao', source: 'environment' });
    expect(resolveDatabaseLocation({ argv: [], env: {}, ...config })).toEqual({ url: 'postgres://gmao@fichier/gmao', source: 'configured', configFile: '/opt/gmao-atelier.json' });
  });

  it('refuses anything but a postgres:// address, naming where it came from', () => {
    expect(() => resolveDatabaseLocation({ argv: ['--database-url=mysql://x/y'], env: {} })).toThrow(DataConfigError);
    expect(() => resolveDatabaseLocation({ argv: [], env: {}, ...files({ '/opt/gmao-atelier.json': '{"databaseUrl":42}' }) })).toThrow(/databaseUrl/);
  });
});
