// Pure (Node). Enrolment as the PC does it, from a client PC's first-run screen or a poste autonome's: read the
// server's certificate again, check it is still the one the person compared (the fingerprint they confirmed), present
// the one-time code with the PC's name, then seal the credential the server issued and write site-client.json.
// The wire itself (HTTPS to /site/hello and /site/enrol, pinned) is ./enrolment-client.ts.
import type { SiteProbe } from '../../../../shared/site/contract';
import type { SecretStore } from '../../email';
import { AppError } from '../../kernel/platform/app-error';
import type { EnrolResponse } from '../protocol';
import { writeClientConfig, type SiteClientConfig } from './client-config';

/** The two calls of ./enrolment-client.ts (injected: tests may pass their own, the app passes the real ones). */
export interface EnrolmentClient {
  probeServer(serverUrl: string): Promise<{ probe: SiteProbe; certificatePem: string }>;
  enrolWithServer(request: { serverUrl: string; fingerprint: string; certificatePem: string; code: string; workstationName: string; appVersion: string }): Promise<EnrolResponse>;
}

export interface EnrolThisPcDeps {
  dataDir: string;
  secretStore: SecretStore;
  appVersion: string;
  enrolment: EnrolmentClient;
}

/** `input` as parsed by the contract's siteEnrolInput. Throws AppError with the SITE_* codes; writes nothing then. */
export async function enrolThisPc(deps: EnrolThisPcDeps, input: { serverUrl: string; code: string; workstationName: string; fingerprint: string }): Promise<SiteClientConfig> {
  const { probe, certificatePem } = await deps.enrolment.probeServer(input.serverUrl);
  if (!probe.compatible) throw new AppError('SITE_VERSION_UNSUPPORTED', 'The server does not speak this version of the protocol');
  // The certificate changed since the person compared it (another machine answering at that address, or IT
  // replaced it): they must compare again rather than trust a fingerprint they never saw.
  if (probe.fingerprint !== input.fingerprint) throw new AppError('SITE_PIN_MISMATCH', 'The server certificate is not the one that was compared');
  const response = await deps.enrolment.enrolWithServer({
    serverUrl: probe.serverUrl,
    fingerprint: input.fingerprint,
    certificatePem,
    code: input.code,
    workstationName: input.workstationName,
    appVersion: deps.appVersion,
  });
  const config: SiteClientConfig = {
    serverUrl: probe.serverUrl,
    fingerprint: input.fingerprint,
    certificatePem,
    workstationId: response.workstationId,
    workstationName: response.workstationName,
    credential: response.credential,
  };
  writeClientConfig(deps.dataDir, config, deps.secretStore);
  return config;
}
