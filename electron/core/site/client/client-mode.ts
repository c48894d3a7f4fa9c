// Pure (Node). Does this installation run as a client PC of a site server? Yes when gmao-atelier.json (beside the
// executable: what the installer's « Poste client » role writes) says `"server": "https://host:8443"`, or when this
// data folder holds a site-client.json (a poste autonome enrolled from its first-run screen). Otherwise it is a poste
// autonome. A client PC holds no database address: a file asking for both is refused with a clear message.
import fs from 'node:fs';
import { DataConfigError, readConfigObject } from '../../kernel/platform/data-dir';
import { AppError } from '../../kernel/platform/app-error';
import { serverUrlSchema } from '../../../../shared/site/contract';
import { clientConfigFile } from './client-config';
import { normaliseServerUrl } from './enrolment-client';

export type SiteClientMode =
  | { mode: 'standalone' }
  /** serverUrl: the configured server (offered on the enrolment screen); null when only site-client.json says so. */
  | { mode: 'client'; serverUrl: string | null; source: 'configured' | 'enrolled'; configFile: string | null };

export function resolveSiteClientMode(options: {
  dataDir: string;
  configFiles?: readonly string[];
  readFile?: (file: string) => string | null;
  exists?: (file: string) => boolean;
}): SiteClientMode {
  for (const file of options.configFiles ?? []) {
    const text = options.readFile?.(file) ?? null;
    if (text === null) continue;
    const { server, databaseUrl } = readConfigObject(text, file);
    if (server === undefined) break;
    if (typeof server !== 'string' || !serverUrlSchema.safeParse(server).success) {
      throw new DataConfigError(file, '"server" doit être une adresse https://serveur:8443 / must be an https://host:8443 address');
    }
    if (databaseUrl !== undefined) {
      throw new DataConfigError(file, '"server" et "databaseUrl" ne vont pas ensemble : un poste client n’accède pas à la base / a client PC holds no database address');
    }
    try {
      return { mode: 'client', serverUrl: normaliseServerUrl(server), source: 'configured', configFile: file };
    } catch (error) {
      if (error instanceof AppError) throw new DataConfigError(file, '"server" doit être une adresse https://serveur:8443 / must be an https://host:8443 address');
      throw error;
    }
  }
  const exists = options.exists ?? fs.existsSync;
  if (exists(clientConfigFile(options.dataDir))) return { mode: 'client', serverUrl: null, source: 'enrolled', configFile: null };
  return { mode: 'standalone' };
}
