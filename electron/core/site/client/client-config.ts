// Pure (Node). What a client PC keeps of its enrolment, in `<dataDir>/site-client.json`: the server's address, the
// certificate it pinned (PEM and fingerprint), its workstation id and name, and its credential sealed by the secret
// store (safeStorage in Electron): the file alone, copied to another PC or account, does not let anyone in.
import path from 'node:path';
import { z } from 'zod';
import type { SecretStore } from '../../email';
import { readJsonFile, writeJsonAtomically } from './atomic-json-file';

export const SITE_CLIENT_FILE_NAME = 'site-client.json';

export interface SiteClientConfig {
  serverUrl: string;
  fingerprint: string;
  certificatePem: string;
  workstationId: number;
  workstationName: string;
  /** `<id>.<secret>`, opened: in memory only, never written in clear nor logged. */
  credential: string;
}

const fileSchema = z.object({
  version: z.literal(1),
  serverUrl: z.string().min(1),
  fingerprint: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
  certificatePem: z.string().includes('-----BEGIN CERTIFICATE-----'),
  workstationId: z.number().int().positive(),
  workstationName: z.string().min(1),
  /** Which store sealed it ('safeStorage', 'file-key'): said in the log when it can't be opened. */
  sealedWith: z.string(),
  sealedCredential: z.string().min(1),
});

export type ClientConfigRead =
  | { status: 'enrolled'; config: SiteClientConfig }
  | { status: 'not-enrolled' }
  /** A file is there but can't be used here (unreadable, or its credential can't be opened on this PC/account). */
  | { status: 'unusable'; reason: string };

export function clientConfigFile(dataDir: string): string {
  return path.join(dataDir, SITE_CLIENT_FILE_NAME);
}

export function readClientConfig(dataDir: string, secretStore: SecretStore): ClientConfigRead {
  let raw: unknown;
  try {
    raw = readJsonFile(clientConfigFile(dataDir));
  } catch (error) {
    return { status: 'unusable', reason: `unreadable file: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (raw === null) return { status: 'not-enrolled' };
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) return { status: 'unusable', reason: 'not a site-client file of this version' };
  const file = parsed.data;
  let credential: string;
  try {
    credential = secretStore.open(file.sealedCredential);
  } catch (error) {
    return { status: 'unusable', reason: `credential sealed with ${file.sealedWith} cannot be opened here: ${error instanceof Error ? error.message : String(error)}` };
  }
  return {
    status: 'enrolled',
    config: {
      serverUrl: file.serverUrl,
      fingerprint: file.fingerprint,
      certificatePem: file.certificatePem,
      workstationId: file.workstationId,
      workstationName: file.workstationName,
      credential,
    },
  };
}

/** Seals the credential, then replaces the file whole (readable by this account only where the OS allows it). */
export function writeClientConfig(dataDir: string, config: SiteClientConfig, secretStore: SecretStore): void {
  const file: z.infer<typeof fileSchema> = {
    version: 1,
    serverUrl: config.serverUrl,
    fingerprint: config.fingerprint,
    certificatePem: config.certificatePem,
    workstationId: config.workstationId,
    workstationName: config.workstationName,
    sealedWith: secretStore.kind,
    sealedCredential: secretStore.seal(config.credential),
  };
  writeJsonAtomically(clientConfigFile(dataDir), file);
}
