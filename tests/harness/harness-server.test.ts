// The browser harness: loopback only, its own origin only, one session per tab, clean shutdown.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { makeTempDir } from '../support/test-core';
import { startHarness, type Harness } from './harness-server';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function fakeRendererDir(): string {
  const dir = makeTempDir('gmao-renderer-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head></head><body>app</body></html>');
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function harness(): Promise<Harness> {
  const dataDir = makeTempDir();
  const h = await startHarness({ dataDir, rendererDir: fakeRendererDir(), core: { bcryptCost: 4 } });
  cleanups.push(async () => {
    await h.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return h;
}

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      })
      .on('error', reject);
  });
}

/** A tab's bridge, as the harness sees it: one WebSocket. */
async function connect(h: Harness, origin = h.url.replace(/\/$/, '')) {
  const ws = new WebSocket(`${h.url.replace('http', 'ws')}__harness/ipc`, { origin });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let id = 0;
  const invoke = (channel: string, input?: unknown) =>
    new Promise<unknown>((resolve) => {
      const myId = ++id;
      const onMessage = (raw: WebSocket.RawData) => {
        const message = JSON.parse(String(raw));
        if (message.type === 'result' && message.id === myId) {
          ws.off('message', onMessage);
          resolve(message.result);
        }
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ type: 'invoke', id: myId, channel, input }));
    });
  cleanups.push(() => ws.close());
  return { ws, invoke };
}

describe('browser harness', () => {
  it('refuses to listen anywhere but loopback', async () => {
    for (const host of ['0.0.0.0', '192.168.1.20', '::']) {
      await expect(startHarness({ dataDir: makeTempDir(), host, rendererDir: fakeRendererDir() })).rejects.toThrow(/loopback/);
    }
  });

  it('serves the renderer with the CSP and the bridge injected first', async () => {
    const h = await harness();
    const page = await get(h.url);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<head><script src="/__harness/bridge.js"></script>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const bridge = await get(`${h.url}__harness/bridge.js`);
    expect(bridge.body).toContain('__harness/ipc');
    expect((await get(`${h.url}../../etc/passwd`)).status).toBe(404);
  });

  it('answers only requests addressed to itself (DNS rebinding)', async () => {
    const h = await harness();
    expect((await get(h.url, { Host: 'attacker.example' })).status).toBe(403);
  });

  it('refuses a WebSocket from another origin', async () => {
    const h = await harness();
    await expect(connect(h, 'https://attacker.example')).rejects.toThrow(/403/);
  });

  it('runs the real dispatcher, with one session per tab', async () => {
    const h = await harness();
    const tabA = await connect(h);
    const tabB = await connect(h);
    expect(await tabA.invoke('app:getState')).toMatchObject({ ok: true, data: { needsSetup: true } });
    const admin = { username: 'chef', displayName: 'Chef', email: '', password: 'une longue phrase', passwordConfirmation: 'une longue phrase' };
    expect(await tabA.invoke('auth:setupFirstAdmin', admin)).toMatchObject({ ok: true });
    expect(await tabA.invoke('auth:login', { identifier: 'chef', password: admin.password })).toMatchObject({ ok: true });
    expect(await tabA.invoke('app:getState')).toMatchObject({ data: { user: { username: 'chef' } } });
    expect(await tabB.invoke('app:getState')).toMatchObject({ data: { user: null } });
    expect(await tabB.invoke('auth:logout')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    // Closing the tab ends its session in main.
    tabA.ws.close();
    await expect.poll(() => h.core.sessions.activeCount()).toBe(0);
  });

  it('`npm run dev:web` prints its URL, serves, and stops cleanly on SIGTERM', async () => {
    const dataDir = makeTempDir();
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/harness/dev-web.ts', '--port', '0', '--data-dir', dataDir, '--renderer-dir', fakeRendererDir()],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    await expect.poll(() => output, { timeout: 20_000 }).toMatch(/http:\/\/127\.0\.0\.1:\d+\//);
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(output)![0];
    expect((await get(url)).status).toBe(200);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'gmao-atelier.sqlite'))).toBe(true);
  });

  it('`npm run dev:web` refuses a non-loopback --host', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/harness/dev-web.ts', '--host', '0.0.0.0', '--data-dir', makeTempDir()], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(output).toMatch(/only binds to loopback/);
  });
});
