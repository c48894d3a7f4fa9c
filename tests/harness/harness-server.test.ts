// The browser harness: loopback only, its own origin only, one session per tab, clean shutdown.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { makeTempDir } from '../support/test-core';
import { MAX_FRAME_BYTES, startHarness, type Harness } from './harness-server';

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

/** Sends one raw request line (what an HTTP client library would refuse to send) and returns the status line. */
function rawRequest(url: string, requestLine: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(`${requestLine}\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('end', () => resolve(answer.split('\r\n')[0]));
    socket.on('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<unknown> {
  return new Promise((resolve) => ws.once('message', (raw) => resolve(JSON.parse(String(raw)))));
}

function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
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

  it('survives hostile requests and frames: each closes only its own request or socket (`npm run dev:web`)', async () => {
    // A real process, so an exception escaping a listener shows as what it was: the harness exiting.
    const dataDir = makeTempDir();
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/harness/dev-web.ts', '--port', '0', '--data-dir', dataDir, '--renderer-dir', fakeRendererDir()],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    let exited: number | null | undefined;
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => (exited = code));
    cleanups.push(() => {
      if (exited === undefined) child.kill('SIGKILL');
    });
    await expect.poll(() => output, { timeout: 20_000 }).toMatch(/http:\/\/127\.0\.0\.1:\d+\//);
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(output)![0];
    const h = { url } as Harness;
    const bystander = await connect(h);

    // HTTP: any web page can make the browser send these with an <img>.
    expect((await get(`${url}%`)).status).toBe(404);
    expect((await get(`${url}%E0%A4%A`)).status).toBe(404);
    expect((await get(`${url}%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
    expect((await get(`${url}index.html%00.png`)).status).toBe(404);
    expect(await rawRequest(url, 'GET //[ HTTP/1.1')).toMatch(/^HTTP\/1\.1 400/);
    expect(await rawRequest(url, 'GET http://attacker.example/ HTTP/1.1')).toMatch(/^HTTP\/1\.1 400/);

    // WebSocket: frames the bridge never sends. Each gets an error message and its own socket closed.
    for (const frame of ['null', 'not json', '[1]', '{"type":"invoke","id":"1","channel":"app:getState"}', '{"type":"invoke","id":1}', Buffer.from([1, 2, 3])]) {
      const hostile = await connect(h);
      const refused = nextMessage(hostile.ws);
      const closed = closeCode(hostile.ws);
      hostile.ws.send(frame);
      expect(await refused, String(frame)).toMatchObject({ type: 'error', error: { code: 'VALIDATION_FAILED' } });
      expect(await closed, String(frame)).toBe(1008);
    }
    // Over MAX_FRAME_BYTES (16 MiB): ws itself refuses the frame (1009, "message too big") on that socket.
    const big = await connect(h);
    const bigClosed = closeCode(big.ws);
    big.ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'app:getState', input: 'x'.repeat(MAX_FRAME_BYTES) }));
    // 1009 when the refusal reaches the client; 1006 when the server drops the socket while 16 MiB are still being
    // written to it (the client then sees no close frame). Either way that socket is closed, and only that one.
    expect([1006, 1009]).toContain(await bigClosed);

    // Still serving: the page, a fresh tab's IPC call, and the tab that was open all along.
    expect(exited).toBeUndefined();
    expect((await get(url)).status).toBe(200);
    expect(await (await connect(h)).invoke('app:getState')).toMatchObject({ ok: true, data: { needsSetup: true } });
    expect(await bystander.invoke('app:getState')).toMatchObject({ ok: true });
    expect(output).not.toMatch(/URIError|TypeError|RangeError/);
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
