// Node (tests and bench). The site server as IT runs it (`electron/server/server-cli.ts` in a child process), for the
// fault tests that need a real process to kill -9: a fixed loopback port (clients reconnect to the same address when
// it comes back), readiness = `/site/hello` answers over TLS, and the certificate read off the wire (what a client
// pins), so nothing depends on the wording of the console output.
import { X509Certificate } from 'node:crypto';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import path from 'node:path';
import { spawnNode, type NodeChild } from './child-process';
import { REPO_ROOT } from './repo-paths';
import { waitUntil } from './wait';

export const SERVER_CLI = path.join(REPO_ROOT, 'electron/server/server-cli.ts');

/** A free loopback port (listen on 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The certificate a TLS server presents: its PEM and SHA-256 fingerprint `AB:CD:…`, as a client would pin them. */
export function readServerCertificate(port: number, host = '127.0.0.1'): Promise<{ certificatePem: string; fingerprint: string }> {
  return new Promise((resolve, reject) => {
    // Trust is not the point here (the test is reading what it will pin): no verification on this one socket.
    const socket = tls.connect({ port, host, rejectUnauthorized: false, servername: undefined }, () => {
      const peer = socket.getPeerX509Certificate();
      socket.destroy();
      if (!peer) return reject(new Error('The server presented no certificate'));
      resolve({ certificatePem: peer.toString(), fingerprint: peer.fingerprint256 });
    });
    socket.on('error', reject);
  });
}

/** GET over TLS without trusting anything (readiness probe only). */
export function getInsecure(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = https.get(url, { rejectUnauthorized: false, timeout: 5000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
  });
}

export interface SiteServerProcessOptions {
  dataDir: string;
  /** Default: the real CLI. The helper's own test passes a stand-in. */
  script?: string;
  /** Default: a free port chosen once and kept across restarts. */
  port?: number;
  databaseUrl?: string | null;
  name?: string;
  extraArgs?: readonly string[];
  env?: Record<string, string | undefined>;
  echo?: boolean;
}

export interface SiteServerProcess {
  readonly url: string;
  readonly port: number;
  readonly fingerprint: string;
  readonly certificatePem: string;
  readonly child: NodeChild;
  /** kill -9 the process: no shutdown handler runs, sockets drop, the database sees a crash. */
  kill9(): Promise<void>;
  /** SIGTERM (the CLI closes cleanly). */
  stop(): Promise<void>;
  /** Starts it again on the same data folder and port (same certificate, so pinned clients trust it). */
  restart(): Promise<void>;
}

function cliArgs(options: SiteServerProcessOptions, port: number): string[] {
  const args = ['--data-dir', options.dataDir, '--host', '127.0.0.1', '--port', String(port)];
  if (options.databaseUrl) args.push('--database-url', options.databaseUrl);
  if (options.name) args.push('--name', options.name);
  return [...args, ...(options.extraArgs ?? [])];
}

async function launch(options: SiteServerProcessOptions, port: number): Promise<NodeChild> {
  const child = spawnNode(options.script ?? SERVER_CLI, { args: cliArgs(options, port), env: options.env, echo: options.echo });
  try {
    await waitUntil(`the site server on port ${port}`, async () => {
      if (child.exit) throw new Error(`the server ended (${JSON.stringify(child.exit)}):\n${child.lines.slice(-30).join('\n')}`);
      try {
        const hello = await getInsecure(`https://127.0.0.1:${port}/site/hello`);
        return hello.status === 200;
      } catch {
        return false;
      }
    }, { timeoutMs: 60_000, intervalMs: 100 });
  } catch (error) {
    await child.kill9();
    throw error;
  }
  return child;
}

export async function startSiteServerProcess(options: SiteServerProcessOptions): Promise<SiteServerProcess> {
  const port = options.port ?? (await freePort());
  let child = await launch(options, port);
  const identity = await readServerCertificate(port);
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    fingerprint: identity.fingerprint,
    certificatePem: identity.certificatePem,
    get child() {
      return child;
    },
    kill9: () => child.kill9(),
    stop: () => child.stop(),
    async restart() {
      if (!child.exit) await child.stop();
      child = await launch(options, port);
      const again = await readServerCertificate(port);
      if (again.fingerprint !== identity.fingerprint) throw new Error('The restarted server presents another certificate');
    },
  };
}

/** SHA-256 fingerprint of a PEM certificate, `AB:CD:…` (the form the server prints and the client pins). */
export function fingerprintOf(certificatePem: string): string {
  return new X509Certificate(certificatePem).fingerprint256;
}
