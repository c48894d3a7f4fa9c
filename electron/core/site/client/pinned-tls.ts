// Node (client PC). TLS options that trust exactly one certificate: the site server's, pinned at enrolment. The pinned
// PEM is the only CA, and its SHA-256 fingerprint is compared in checkServerIdentity, both during the handshake: a
// server presenting anything else is cut off before the first byte of the request (and so of the credential) is sent.
import { X509Certificate } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';

export const PIN_MISMATCH_CODE = 'ERR_SITE_PIN_MISMATCH';

/** `AB:CD:…` of a PEM certificate, or null if it isn't one. */
export function pemFingerprint(pem: string): string | null {
  try {
    return new X509Certificate(pem).fingerprint256.toUpperCase();
  } catch {
    return null;
  }
}

export function pinnedTlsOptions(pin: { fingerprint: string; certificatePem: string }): {
  ca: string[];
  rejectUnauthorized: true;
  allowPartialTrustChain: true;
  checkServerIdentity: (host: string, certificate: PeerCertificate) => Error | undefined;
} {
  const expected = pin.fingerprint.toUpperCase();
  return {
    ca: [pin.certificatePem],
    rejectUnauthorized: true,
    // The pinned certificate is a trust anchor even when it isn't self-signed (IT's certificate, signed by their
    // CA): the chain needs to reach it, not a root (Node ≥ 20.18 / 22.9).
    allowPartialTrustChain: true,
    // Replaces the host-name check: a PC may reach the server by an address the certificate doesn't name; what
    // proves it is our server is the exact certificate, compared here.
    checkServerIdentity: (_host, certificate) => {
      if (certificate.fingerprint256?.toUpperCase() === expected) return undefined;
      return Object.assign(new Error('The server certificate is not the pinned one'), { code: PIN_MISMATCH_CODE });
    },
  };
}

/** Is this connection error the certificate's (not the pinned one, not trusted, expired…), rather than the network's? */
export function isCertificateError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return code === PIN_MISMATCH_CODE || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ALTNAME/.test(code);
}
