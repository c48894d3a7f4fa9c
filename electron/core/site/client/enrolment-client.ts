// Node (client PC's main, or a poste autonome's first run). The two HTTPS calls of enrolment: `probeServer` reads the
// server's hello and its certificate without trusting it yet (nothing secret is sent: the person compares the
// fingerprint shown with the server's screen), then `enrolWithServer` presents the one-time code over a connection
// pinned to that very certificate and receives this PC's credential. Failures are AppErrors with the SITE_* codes.
import { X509Certificate } from 'node:crypto';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { SiteProbe } from '../../../../shared/site/contract';
import { AppError } from '../../kernel/platform/app-error';
import { DEFAULT_SERVER_PORT, ENROL_PATH, HELLO_PATH, PROTOCOL_VERSION, type EnrolRequest, type EnrolResponse, type SiteHello, type SiteWireError } from '../protocol';
import { isCertificateError, pemFingerprint, pinnedTlsOptions } from './pinned-tls';

const TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 64 * 1024;

/** What IT types (`serveur`, `serveur:9443`, `https://10.0.0.5/`) → `https://serveur:8443`. */
export function normaliseServerUrl(input: string): string {
  const trimmed = input.trim().replace(/\/+$/, '');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new AppError('SITE_SERVER_UNREACHABLE', 'Not a server address');
  }
  if (url.protocol !== 'https:' || !url.hostname || url.username || url.password || (url.pathname !== '/' && url.pathname !== '')) {
    throw new AppError('SITE_SERVER_UNREACHABLE', 'Not a server address (https://host[:port])');
  }
  return `https://${url.hostname}:${url.port || DEFAULT_SERVER_PORT}`;
}

/** Reads the server's hello and its certificate; trusts nothing yet, sends nothing secret. */
export async function probeServer(serverUrl: string): Promise<{ probe: SiteProbe; certificatePem: string }> {
  const base = normaliseServerUrl(serverUrl);
  const { status, body, certificatePem } = await request(new URL(HELLO_PATH, base), { method: 'GET', rejectUnauthorized: false });
  let hello: SiteHello;
  try {
    hello = JSON.parse(body) as SiteHello;
  } catch {
    throw new AppError('SITE_SERVER_UNREACHABLE', 'The answer is not a GMAO Atelier server');
  }
  if (status !== 200 || hello?.product !== 'gmao-atelier' || !Array.isArray(hello.protocols) || !certificatePem) {
    throw new AppError('SITE_SERVER_UNREACHABLE', 'The answer is not a GMAO Atelier server');
  }
  const fingerprint = pemFingerprint(certificatePem);
  if (!fingerprint) throw new AppError('SITE_SERVER_UNREACHABLE', 'The server presented no readable certificate');
  return {
    probe: {
      serverUrl: base,
      fingerprint,
      serverName: String(hello.serverName),
      serverVersion: String(hello.serverVersion),
      compatible: hello.protocols.includes(PROTOCOL_VERSION),
    },
    certificatePem,
  };
}

/** Presents the one-time code over a connection pinned to `certificatePem` (whose fingerprint must be `fingerprint`). */
export async function enrolWithServer(options: {
  serverUrl: string;
  fingerprint: string;
  certificatePem: string;
  code: string;
  workstationName: string;
  appVersion: string;
}): Promise<EnrolResponse> {
  const base = normaliseServerUrl(options.serverUrl);
  const fingerprint = options.fingerprint.toUpperCase();
  // The certificate kept from the probe must be the one the person confirmed: otherwise trust neither.
  if (pemFingerprint(options.certificatePem) !== fingerprint) throw new AppError('SITE_PIN_MISMATCH', 'The certificate is not the confirmed one');
  const payload: EnrolRequest = {
    code: options.code,
    workstationName: options.workstationName,
    appVersion: options.appVersion,
    protocol: PROTOCOL_VERSION,
    fingerprint,
  };
  const { status, body } = await request(new URL(ENROL_PATH, base), {
    method: 'POST',
    ...pinnedTlsOptions({ fingerprint, certificatePem: options.certificatePem }),
    body: JSON.stringify(payload),
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new AppError('SITE_SERVER_UNREACHABLE', 'Unexpected answer from the server');
  }
  if (status === 200) {
    const response = parsed as EnrolResponse;
    if (typeof response?.credential !== 'string' || typeof response.workstationId !== 'number') throw new AppError('SITE_SERVER_UNREACHABLE', 'Unexpected answer from the server');
    return { workstationId: response.workstationId, workstationName: String(response.workstationName), credential: response.credential };
  }
  const error = (parsed as { error?: SiteWireError & { retryAfterSeconds?: number } })?.error;
  switch (error?.code) {
    case 'ENROLMENT_CODE_INVALID':
      throw new AppError('SITE_ENROLMENT_CODE_INVALID', 'Unknown, expired or used enrolment code');
    case 'ENROLMENT_THROTTLED':
      throw new AppError('REQUEST_THROTTLED', 'Too many enrolment attempts', undefined, { retryAfterSeconds: error.retryAfterSeconds ?? 60 });
    case 'ENROLMENT_PIN_MISMATCH':
      throw new AppError('SITE_PIN_MISMATCH', 'The server says the fingerprint is not its own');
    case 'VERSION_UNSUPPORTED':
      throw new AppError('SITE_VERSION_UNSUPPORTED', 'The server does not speak this protocol version');
    default:
      throw new AppError('SITE_SERVER_UNREACHABLE', `The server refused the enrolment (HTTP ${status})`);
  }
}

function request(
  url: URL,
  options: https.RequestOptions & { body?: string },
): Promise<{ status: number; body: string; certificatePem: string | null }> {
  return new Promise((resolve, reject) => {
    const { body, ...requestOptions } = options;
    const req = https.request(
      url,
      {
        ...requestOptions,
        agent: false,
        timeout: TIMEOUT_MS,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (response) => {
        const peer = (response.socket as TLSSocket).getPeerCertificate?.();
        const certificatePem = peer?.raw ? new X509Certificate(peer.raw).toString() : null;
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            req.destroy(new Error('Answer too large'));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), certificatePem }));
        response.on('error', (error) => reject(toAppError(error)));
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('Timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', (error) => reject(toAppError(error)));
    req.end(body);
  });
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isCertificateError(error)) return new AppError('SITE_PIN_MISMATCH', 'The server certificate is not the pinned one');
  return new AppError('SITE_SERVER_UNREACHABLE', error instanceof Error ? error.message : String(error));
}
