// Node (tests). The child-process spawner the kill -9 fault test relies on, against a stand-in TLS server taking the
// CLI's flags: it waits until `/site/hello` answers, reads the certificate a client would pin, kill -9 ends a process
// that ignores SIGTERM (so none of the server's own shutdown runs), and restart brings it back on the same port.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprintOf, getInsecure, startSiteServerProcess, type SiteServerProcess } from '../support/site-server-process';

const FIXTURE = path.join(import.meta.dirname, 'fixtures/tls-hello-server.ts');

let server: SiteServerProcess | null = null;
let dataDir: string | null = null;
afterEach(async () => {
  if (server && !server.child.exit) await server.child.kill9();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  server = null;
  dataDir = null;
});

describe('site server process helper', () => {
  it('starts a TLS server in a child process, kills it with SIGKILL, and restarts it on the same port', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-spawn-'));
    server = await startSiteServerProcess({ dataDir, script: FIXTURE, extraArgs: ['--stubborn'] });
    expect(server.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(fingerprintOf(server.certificatePem)).toBe(server.fingerprint);
    const first = JSON.parse((await getInsecure(`${server.url}/site/hello`)).body) as { pid: number };
    expect(first.pid).toBe(server.child.pid);

    await server.kill9();
    expect(server.child.exit).toEqual({ code: null, signal: 'SIGKILL' });
    await expect(getInsecure(`${server.url}/site/hello`)).rejects.toThrow(/ECONNREFUSED/);

    // The stand-in makes a new certificate on each start (the real server keeps its own in the data folder), so
    // restart() must notice the change: a pinned client would refuse it.
    await expect(server.restart()).rejects.toThrow(/another certificate/);
    const second = JSON.parse((await getInsecure(`${server.url}/site/hello`)).body) as { pid: number };
    expect(second.pid).not.toBe(first.pid);
  });
});
