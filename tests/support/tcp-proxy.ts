// Node (tests and bench). A loopback TCP proxy between a client PC and the site server, so a test can cut "the
// network" for a while without touching either process: `cut()` either resets every connection and refuses new ones
// (`reset`: what a PC sees when a switch port goes down and the server's RST comes back), or keeps them open and
// silently swallows every byte both ways (`blackhole`: a cable pulled, nothing comes back, only a heartbeat notices).
// `restore()` lets new connections through again (blackholed ones are destroyed then: their streams lost bytes and
// cannot be trusted). It forwards raw bytes, so TLS goes end to end and the client's certificate pin still applies.
import net from 'node:net';

export type CutMode = 'reset' | 'blackhole';

export interface TcpProxy {
  /** Where clients connect: 127.0.0.1:<port>. */
  readonly port: number;
  readonly host: string;
  /** Currently cut? */
  readonly isCut: boolean;
  /** Connections accepted and forwarded since the start (refused ones during a cut don't count). */
  readonly connectionsAccepted: number;
  /** Connections open right now. */
  readonly openConnections: number;
  /** Bytes swallowed while blackholed (a test waits on it instead of on a timer). */
  readonly droppedBytes: number;
  /** Cut the network; with `forMs`, restore it by itself after that long (the promise resolves on restore). */
  cut(mode?: CutMode, forMs?: number): Promise<void>;
  restore(): void;
  /** Point the proxy at another target (a server restarted on another port). */
  retarget(port: number, host?: string): void;
  close(): Promise<void>;
}

export interface TcpProxyOptions {
  targetPort: number;
  targetHost?: string;
  /** 0 (default): any free port. A fixed port lets a test restart the proxy where clients already point. */
  listenPort?: number;
}

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
}

export async function startTcpProxy(options: TcpProxyOptions): Promise<TcpProxy> {
  let targetPort = options.targetPort;
  let targetHost = options.targetHost ?? '127.0.0.1';
  let cutMode: CutMode | null = null;
  let restoreTimer: NodeJS.Timeout | null = null;
  let restoreWaiters: (() => void)[] = [];
  let accepted = 0;
  let dropped = 0;
  const pairs = new Set<Pair>();

  const destroyPair = (pair: Pair) => {
    pair.client.destroy();
    pair.upstream.destroy();
    pairs.delete(pair);
  };

  const server = net.createServer((client) => {
    if (cutMode === 'reset') {
      // resetAndDestroy sends an RST (the client gets ECONNRESET at once), not a polite FIN.
      client.resetAndDestroy();
      return;
    }
    if (cutMode === 'blackhole') {
      // Accepted by the kernel already; hold it and say nothing, as a dead route would (the client times out).
      client.on('error', () => undefined);
      client.on('data', (chunk: Buffer) => {
        dropped += chunk.length;
      });
      const held: Pair = { client, upstream: new net.Socket() };
      pairs.add(held);
      client.on('close', () => pairs.delete(held));
      return;
    }
    accepted += 1;
    const upstream = net.connect({ port: targetPort, host: targetHost });
    const pair: Pair = { client, upstream };
    pairs.add(pair);
    // While blackholed, bytes are read and dropped instead of forwarded (pipe() would forward them).
    client.on('data', (chunk: Buffer) => {
      if (cutMode === null) {
        if (!upstream.destroyed) upstream.write(chunk);
      } else dropped += chunk.length;
    });
    upstream.on('data', (chunk: Buffer) => {
      if (cutMode === null) {
        if (!client.destroyed) client.write(chunk);
      } else dropped += chunk.length;
    });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    // Whichever side fails, the other goes too: a half-open pair would fool the test.
    const fail = () => destroyPair(pair);
    client.on('error', fail);
    upstream.on('error', fail);
    client.on('close', fail);
    upstream.on('close', fail);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listenPort ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as net.AddressInfo;

  const restore = () => {
    if (restoreTimer) clearTimeout(restoreTimer);
    restoreTimer = null;
    if (cutMode === 'blackhole') for (const pair of [...pairs]) destroyPair(pair);
    cutMode = null;
    const waiters = restoreWaiters;
    restoreWaiters = [];
    for (const resolve of waiters) resolve();
  };

  return {
    port: address.port,
    host: '127.0.0.1',
    get isCut() {
      return cutMode !== null;
    },
    get connectionsAccepted() {
      return accepted;
    },
    get openConnections() {
      return pairs.size;
    },
    get droppedBytes() {
      return dropped;
    },
    cut(mode: CutMode = 'reset', forMs?: number) {
      cutMode = mode;
      if (mode === 'reset') {
        for (const pair of [...pairs]) {
          pair.client.resetAndDestroy();
          destroyPair(pair);
        }
      }
      const restored = new Promise<void>((resolve) => restoreWaiters.push(resolve));
      if (forMs !== undefined) {
        if (restoreTimer) clearTimeout(restoreTimer);
        restoreTimer = setTimeout(restore, forMs);
        return restored;
      }
      return Promise.resolve();
    },
    restore,
    retarget(port: number, host = targetHost) {
      targetPort = port;
      targetHost = host;
    },
    async close() {
      if (restoreTimer) clearTimeout(restoreTimer);
      for (const pair of [...pairs]) destroyPair(pair);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      restore();
    },
  };
}
