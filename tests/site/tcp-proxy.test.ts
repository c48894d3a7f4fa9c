// Node (tests). The network-cut proxy the site fault tests rely on: bytes go through both ways, a reset cut kills open
// connections and refuses new ones, a blackhole cut swallows bytes without closing anything, and restore lets
// connections through again. A proxy that silently forwarded during a cut would make the 30 s cut test prove nothing.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { waitUntil } from '../support/wait';

interface Echo {
  port: number;
  received: number;
  close(): Promise<void>;
}

async function startEcho(): Promise<Echo> {
  const sockets = new Set<net.Socket>();
  const echo: Echo = { port: 0, received: 0, close: async () => undefined };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      echo.received += chunk.length;
      socket.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  echo.port = (server.address() as net.AddressInfo).port;
  echo.close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return echo;
}

/** A client socket through the proxy that records what it got back and how it ended. */
async function dial(port: number) {
  const socket = net.connect({ port, host: '127.0.0.1' });
  const seen = { data: '', closed: false, error: null as string | null };
  socket.on('data', (chunk) => (seen.data += chunk.toString()));
  socket.on('error', (error: NodeJS.ErrnoException) => (seen.error = error.code ?? error.message));
  socket.on('close', () => (seen.closed = true));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  }).catch(() => undefined);
  return { socket, seen };
}

let echo: Echo | null = null;
let proxy: TcpProxy | null = null;
afterEach(async () => {
  await proxy?.close();
  await echo?.close();
  proxy = null;
  echo = null;
});

describe('tcp proxy', () => {
  it('forwards both ways, then a reset cut closes open connections and refuses new ones until restored', async () => {
    echo = await startEcho();
    proxy = await startTcpProxy({ targetPort: echo.port });
    const a = await dial(proxy.port);
    a.socket.write('bonjour');
    await waitUntil('the echo', () => a.seen.data === 'bonjour');

    await proxy.cut('reset');
    await waitUntil('the open connection to close', () => a.seen.closed);
    expect(a.seen.error).toBe('ECONNRESET');

    const refused = await dial(proxy.port);
    await waitUntil('the new connection to be reset', () => refused.seen.closed);
    expect(refused.seen.data).toBe('');
    expect(proxy.connectionsAccepted).toBe(1);

    proxy.restore();
    const b = await dial(proxy.port);
    b.socket.write('encore');
    await waitUntil('the echo after restore', () => b.seen.data === 'encore');
    expect(proxy.connectionsAccepted).toBe(2);
    b.socket.destroy();
  });

  it('a blackhole cut swallows bytes without closing, and a timed cut restores by itself', async () => {
    echo = await startEcho();
    proxy = await startTcpProxy({ targetPort: echo.port });
    const a = await dial(proxy.port);
    a.socket.write('un');
    await waitUntil('the first echo', () => a.seen.data === 'un');

    const restored = proxy.cut('blackhole', 300);
    expect(proxy.isCut).toBe(true);
    a.socket.write('perdu');
    await waitUntil('the proxy to swallow the bytes', () => proxy!.droppedBytes >= 'perdu'.length);
    expect(echo.received).toBe(2);
    expect(a.seen.closed).toBe(false);

    await restored;
    expect(proxy.isCut).toBe(false);
    // The blackholed stream lost bytes: it is closed on restore; a new connection works.
    await waitUntil('the blackholed connection to close', () => a.seen.closed);
    const b = await dial(proxy.port);
    b.socket.write('revenu');
    await waitUntil('the echo after the timed cut', () => b.seen.data === 'revenu');
    b.socket.destroy();
  });
});
