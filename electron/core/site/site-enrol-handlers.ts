// Pure (Node). `site:status`, `site:probe` and `site:enrol` as a poste autonome or a site server answers them. On a
// first run (no account yet) a poste autonome may become a client PC: it reads the server's fingerprint, the person
// compares it with the server's screen, then presents a one-time code; the credential is sealed in its data folder
// and the app restarts as a client. A client PC's main answers these channels itself (./client/).
import type { SiteStatus } from '../../../shared/site/contract';
import type { HandlerMap } from '../kernel/ipc/handler-types';
import type { Kernel } from '../kernel/kernel';
import { AppError } from '../kernel/platform/app-error';
import type { SiteModuleDeps } from './site-module';

export interface SiteEnrolDeps {
  /** After a successful enrolment: restart as a client PC (Electron relaunches; tests observe the call). */
  onEnrolled(): void;
}

export function createSiteEnrolHandlers(kernel: Kernel, deps: SiteModuleDeps): HandlerMap<'site:status' | 'site:probe' | 'site:enrol'> {
  const canEnrol = async () => !deps.server && deps.enrol !== undefined && (await kernel.users.count()) === 0;
  return {
    'site:status': async (): Promise<SiteStatus> => ({
      mode: deps.server ? 'server' : 'standalone',
      serverUrl: deps.server ? (deps.server.urls()[0] ?? null) : null,
      fingerprint: deps.server ? deps.server.fingerprint() : null,
      workstationName: null,
      connection: null,
      refusal: null,
      queuedRequests: 0,
      canEnrol: await canEnrol(),
    }),
    'site:probe': async () => {
      if (!(await canEnrol())) throw new AppError('SITE_ENROL_NOT_ALLOWED', 'Enrolment is offered on a first run only');
      throw new AppError('SITE_SERVER_UNREACHABLE', 'Not built yet');
    },
    'site:enrol': async () => {
      if (!(await canEnrol())) throw new AppError('SITE_ENROL_NOT_ALLOWED', 'Enrolment is offered on a first run only');
      throw new AppError('SITE_SERVER_UNREACHABLE', 'Not built yet');
    },
  };
}
