// Node (site server). The server's TLS identity: a self-signed certificate made on first start and kept in the data
// folder (`site-tls/key.pem`, `site-tls/cert.pem`), or the certificate IT provides. Its SHA-256 fingerprint is what
// the console and the admin page show and what each client PC pins at enrolment, so it must not change from one
// start to the next: the files are made once and only read afterwards.
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';

export const TLS_DIR_NAME = 'site-tls';

export interface TlsIdentity {
  key: string;
  /** PEM (the leaf first when IT gives a chain). */
  cert: string;
  /** The leaf certificate alone, PEM: what a client trusts (and pins). */
  leafPem: string;
  /** SHA-256 of the leaf's DER, `AB:CD:…` upper-case. */
  fingerprint: string;
  /** Where it came from, for the console. */
  source: 'generated' | 'data-dir' | 'provided';
}

/** `AB:CD:…` for a PEM certificate (Node's fingerprint256 is already SHA-256 of the DER, upper-case, colon-separated). */
export function certificateFingerprint(pem: string): string {
  return new X509Certificate(pem).fingerprint256.toUpperCase();
}

/** The first certificate of a PEM bundle. */
export function leafCertificate(pem: string): string {
  const match = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem);
  if (!match) throw new Error('No certificate in the PEM file');
  return `${match[0]}\n`;
}

export async function loadTlsIdentity(options: {
  dataDir: string;
  tls?: { certFile: string; keyFile: string };
  /** The name put in the generated certificate (the machine's host name by default). */
  commonName?: string;
  now?: number;
}): Promise<TlsIdentity> {
  if (options.tls) {
    const cert = fs.readFileSync(options.tls.certFile, 'utf8');
    const key = fs.readFileSync(options.tls.keyFile, 'utf8');
    return identity(key, cert, 'provided');
  }
  const dir = path.join(options.dataDir, TLS_DIR_NAME);
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  if (fs.existsSync(keyFile) && fs.existsSync(certFile)) {
    return identity(fs.readFileSync(keyFile, 'utf8'), fs.readFileSync(certFile, 'utf8'), 'data-dir');
  }
  const commonName = (options.commonName ?? os.hostname()) || 'gmao-atelier-server';
  const notBefore = new Date((options.now ?? Date.now()) - 24 * 3_600_000);
  const notAfter = new Date(notBefore);
  // Pinned, not checked against a CA: a long life spares IT a re-enrolment of every PC; replacing it is deliberate.
  notAfter.setFullYear(notAfter.getFullYear() + 20);
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: commonName }, { type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // The key first, owner-only; written to a temporary name then renamed, so a crash never leaves half a key.
  writeAtomically(keyFile, pems.private, 0o600);
  writeAtomically(certFile, pems.cert, 0o644);
  return identity(pems.private, pems.cert, 'generated');
}

function identity(key: string, cert: string, source: TlsIdentity['source']): TlsIdentity {
  const leafPem = leafCertificate(cert);
  return { key, cert, leafPem, fingerprint: certificateFingerprint(leafPem), source };
}

function writeAtomically(file: string, text: string, mode: number): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text, { mode });
  fs.renameSync(temporary, file);
}
