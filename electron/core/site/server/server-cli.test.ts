// Node (tests). The site server's command line on this pass's engine: it starts, prints the address, the grouped
// fingerprint and (no account yet) the first-start code in French, stops cleanly when told; `--enrolment-code --user`
// prints a code an enrolment accepts; bad usage answers 2.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_START_FILE, groupFingerprint, runSiteServerCli } from '../../../server/server-cli';
import { enrolWithServer, probeServer } from '../client/enrolment-client';
import { makeTempDir } from '../../../../tests/support/test-core';
import { createTestDatabaseTarget, type TestDatabaseTarget } from '../../../../tests/support/test-database';
import { REPO_RESOURCES_DIR } from '../../../../tests/support/repo-paths';
import { ADMIN_INPUT } from '../../../../tests/support/test-core';
import { SITE_CLIENT_ORIGIN } from '../protocol';
import type { SiteServer } from './site-server';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function dataFolder(): Promise<{ dataDir: string; args: string[]; env: Record<string, string> }> {
  const dataDir = makeTempDir('gmao-cli-');
  const target: TestDatabaseTarget | null = process.env.GMAO_TEST_ENGINE === 'postgres' ? await createTestDatabaseTarget(dataDir) : null;
  cleanups.push(async () => {
    await target?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  // The schema rides in the URL's options (search_path), as an IT person could write it.
  const url = target ? `${target.url}${target.url?.includes('?') ? '&' : '?'}options=-c%20search_path%3D${target.schema}` : null;
  return { dataDir, args: ['--data-dir', dataDir, ...(url ? ['--database-url', url] : [])], env: {} };
}

describe('server command line', () => {
  it('starts, prints its address, fingerprint and first-start code in French, then stops on the signal', async () => {
    const { args, env, dataDir } = await dataFolder();
    const lines: string[] = [];
    let running: SiteServer | null = null;
    let stop: (signal: string) => void = () => undefined;
    const exit = runSiteServerCli(['--server', ...args, '--port', '0', '--host', '127.0.0.1', '--name', 'Serveur atelier'], env, {
      resourcesDir: REPO_RESOURCES_DIR,
      appVersion: '9.9.9',
      out: (line) => lines.push(line),
      err: (line) => lines.push(`ERR ${line}`),
      stopSignal: (server) => {
        running = server;
        return new Promise((resolve) => (stop = resolve));
      },
    });
    for (let i = 0; i < 500 && !running; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const server = running as unknown as SiteServer;
    expect(server).not.toBeNull();
    expect(lines).toContain(`  ${server.url}`);
    expect(lines).toContain(`  ${groupFingerprint(server.fingerprint)}`);
    expect(lines).toContain(`  ${server.firstStartCode}`);
    // A Windows boot task has no console: the code is in the data folder too, owner-only.
    const firstStartFile = path.join(dataDir, FIRST_START_FILE);
    expect(fs.readFileSync(firstStartFile, 'utf8')).toContain(`  ${server.firstStartCode}`);
    if (process.platform !== 'win32') expect(fs.statSync(firstStartFile).mode & 0o077).toBe(0);
    expect(lines[0]).toBe('GMAO Atelier — serveur de site 9.9.9 démarré.');
    const { probe } = await probeServer(server.url);
    expect(probe).toMatchObject({ serverName: 'Serveur atelier', serverVersion: '9.9.9', fingerprint: server.fingerprint });
    stop('SIGTERM');
    expect(await exit).toBe(0);
    expect(lines.at(-1)).toBe('Serveur arrêté.');
  });

  it('--enrolment-code --user prints a code the server accepts; bad usage answers 2', async () => {
    const { args, env } = await dataFolder();
    const quiet = { resourcesDir: REPO_RESOURCES_DIR, out: () => undefined, err: () => undefined };
    let running: SiteServer | null = null;
    let stop: (signal: string) => void = () => undefined;
    const exit = runSiteServerCli([...args, '--port', '0', '--host', '127.0.0.1'], env, {
      ...quiet,
      stopSignal: (server) => {
        running = server;
        return new Promise((resolve) => (stop = resolve));
      },
    });
    for (let i = 0; i < 500 && !running; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const server = running as unknown as SiteServer;
    const dispatch = (windowId: string, channel: string, input: unknown) => server.core.dispatcher.dispatch({ windowId, url: `${SITE_CLIENT_ORIGIN}/` }, channel, input);
    expect((await dispatch('setup', 'auth:setupFirstAdmin', ADMIN_INPUT)).ok).toBe(true);

    const lines: string[] = [];
    const printed = await runSiteServerCli([...args, '--enrolment-code', '--user', ADMIN_INPUT.username], env, { ...quiet, out: (line) => lines.push(line) });
    expect(printed).toBe(0);
    const code = /^Code de raccordement : (\S+)$/.exec(lines[0])?.[1];
    expect(code).toBeDefined();
    const { probe, certificatePem } = await probeServer(server.url);
    const enrolled = await enrolWithServer({ serverUrl: server.url, fingerprint: probe.fingerprint, certificatePem, code: code as string, workstationName: 'Presse 3', appVersion: '1' });
    expect(enrolled.workstationName).toBe('Presse 3');

    expect(await runSiteServerCli([...args, '--enrolment-code', '--user', 'nobody'], env, quiet)).toBe(1);
    expect(await runSiteServerCli([...args, '--enrolment-code'], env, quiet)).toBe(2);
    expect(await runSiteServerCli([...args, '--port', 'abc'], env, quiet)).toBe(2);
    expect(await runSiteServerCli([...args, '--tls-cert', 'x.pem'], env, quiet)).toBe(2);
    stop('SIGINT');
    expect(await exit).toBe(0);
  });
});
