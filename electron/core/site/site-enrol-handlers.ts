// Pure (Node). `site:status`, `site:probe` and `site:enrol` as a poste autonome or a site server answers them. On a
// first run (no account yet) a poste autonome may become a client PC: it reads the server's fingerprint, the person
// compares it with the server's screen, then presents a one-time code; the credential is sealed in its data folder
// (site-client.json, the same file a client PC writes) and the app restarts as a client. A client PC's main answers
// these channels itself (./client/).
import type { SiteStatus } from '../../../shared/site/contract';
import type { SecretStore } from '../email';
import type { HandlerMap } from '../kernel/ipc/handler-types';
import type { Kernel } from '../kernel/kernel';
import { AppError } from '../kernel/platform/app-error';
import { defaultEnrolmentClient } from './client/default-wire';
import { enrolThisPc, type EnrolmentClient } from './client/enrol-this-pc';
import type { SiteModuleDeps } from './site-module';

export interface SiteEnrolDeps {
  /**
   * After a successful enrolment: restart as a client PC (Electron relaunches; tests observe the call). Called once
   * site-client.json is written, before the answer reaches the window: the host lets the answer go out first.
   */
  onEnrolled(): void;
  /** Seals the credential: the store the client PC will open it with after the restart (safeStorage in Electron). */
  secretStore: SecretStore;
  /** Probe and enrol over HTTPS (default: ./client/enrolment-client.ts). */
  enrolment?: EnrolmentClient;
}

export function createSiteEnrolHandlers(kernel: Kernel, deps: SiteModuleDeps): HandlerMap<'site:status' | 'site:probe' | 'site:enrol'> {
  const canEnrol = async () => !deps.server && deps.enrol !== undefined && (await kernel.users.count()) === 0;
  const enrolment = deps.enrol?.enrolment ?? defaultEnrolmentClient;
  let enrolled = false;
  const refuseUnlessAllowed = async () => {
    // Once enrolled, this process only waits for its restart: no second enrolment meanwhile.
    if (enrolled || !(await canEnrol())) throw new AppError('SITE_ENROL_NOT_ALLOWED', 'Enrolment is offered on a first run only');
  };
  return {
    'site:status': async (): Promise<SiteStatus> => ({
      mode: deps.server ? 'server' : 'standalone',
      serverUrl: deps.server ? (deps.server.urls()[0] ?? null) : null,
      fingerprint: deps.server ? deps.server.fingerprint() : null,
      workstationName: null,
      connection: null,
      refusal: null,
      queuedRequests: 0,
      canEnrol: !enrolled && (await canEnrol()),
    }),
    'site:probe': async ({ input }) => {
      await refuseUnlessAllowed();
      return (await enrolment.probeServer(input.serverUrl)).probe;
    },
    'site:enrol': async ({ input }) => {
      await refuseUnlessAllowed();
      const enrol = deps.enrol as SiteEnrolDeps;
      const config = await enrolThisPc({ dataDir: kernel.dataDir, secretStore: enrol.secretStore, appVersion: kernel.appVersion, enrolment }, input);
      enrolled = true;
      kernel.logger.info('Enrolled with a site server: restarting as a client PC', { serverUrl: config.serverUrl, workstation: config.workstationName });
      enrol.onEnrolled();
      return { workstationName: config.workstationName, restartRequired: true };
    },
  };
}
