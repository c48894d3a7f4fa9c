// Node (tests). Which mode an installation starts in: gmao-atelier.json's "server" (the installer's « Poste client »
// role), an existing site-client.json (enrolled from the first-run screen), or a poste autonome; bad files refused
// in French and English.
import { describe, expect, it } from 'vitest';
import { DataConfigError } from '../../kernel/platform/data-dir';
import { resolveSiteClientMode } from './client-mode';

const files = (content: Record<string, string>) => ({ configFiles: Object.keys(content), readFile: (file: string) => content[file] ?? null });

describe('resolveSiteClientMode', () => {
  it('"server" in gmao-atelier.json: a client PC of that server (normalised, default port 8443)', () => {
    expect(resolveSiteClientMode({ dataDir: '/d', exists: () => false, ...files({ '/app/gmao-atelier.json': '\uFEFF{"server":"atelier-srv"}' }) })).toEqual({
      mode: 'client',
      serverUrl: 'https://atelier-srv:8443',
      source: 'configured',
      configFile: '/app/gmao-atelier.json',
    });
    expect(resolveSiteClientMode({ dataDir: '/d', exists: () => false, ...files({ '/a.json': '{"server":"https://10.0.0.5:9443/","dataMode":"shared"}' }) })).toMatchObject({ serverUrl: 'https://10.0.0.5:9443' });
  });

  it('a site-client.json in the data folder: a client PC enrolled from its first-run screen', () => {
    const seen: string[] = [];
    const mode = resolveSiteClientMode({ dataDir: '/d', exists: (file) => (seen.push(file), true), ...files({ '/a.json': '{"dataMode":"shared"}' }) });
    expect(mode).toEqual({ mode: 'client', serverUrl: null, source: 'enrolled', configFile: null });
    expect(seen[0]).toMatch(/site-client\.json$/);
  });

  it('otherwise a poste autonome (no file, or a file without "server")', () => {
    expect(resolveSiteClientMode({ dataDir: '/d', exists: () => false })).toEqual({ mode: 'standalone' });
    expect(resolveSiteClientMode({ dataDir: '/d', exists: () => false, ...files({ '/a.json': '{"databaseUrl":"postgres://x@h/db"}' }) })).toEqual({ mode: 'standalone' });
  });

  it('refuses a bad address, a database address beside "server", and unreadable JSON', () => {
    for (const text of ['{"server":42}', '{"server":"ftp://srv"}', '{"server":"https://srv:8443","databaseUrl":"postgres://u:p@h/db"}', '{"server":']) {
      expect(() => resolveSiteClientMode({ dataDir: '/d', exists: () => false, ...files({ '/a.json': text }) })).toThrow(DataConfigError);
    }
    expect(() => resolveSiteClientMode({ dataDir: '/d', exists: () => false, ...files({ '/a.json': '{"server":"https://srv:8443","databaseUrl":"postgres://u:p@h/db"}' }) })).toThrow(/poste client/);
  });
});
