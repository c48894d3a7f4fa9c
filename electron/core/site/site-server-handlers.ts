// Pure (Node). The server side of the site channels: an administrator lists, enrols and revokes client PCs. On a
// poste autonome (no binding) they answer SITE_NOT_SERVER: the page says this PC is not a site server.
import type { HandlerMap } from '../kernel/ipc/handler-types';
import type { Kernel } from '../kernel/kernel';
import { AppError } from '../kernel/platform/app-error';
import { WorkstationService } from './server/workstation-service';

/** What the listening server tells its core (filled in by electron/core/site/server/ once it listens). */
export interface SiteServerBinding {
  /** SHA-256 of the server's certificate, `AB:CD:…`. */
  fingerprint(): string;
  /** Where client PCs reach this server (`https://host:8443`). */
  urls(): string[];
  /** Is this PC connected to this server process right now? */
  isOnline(workstationId: number): boolean;
  /** Revoked: close its connection at once (its windows lock). */
  disconnect(workstationId: number): void;
}

export function createSiteServerHandlers(
  kernel: Kernel,
  server: SiteServerBinding | null,
): HandlerMap<'site:listWorkstations' | 'site:createEnrolmentCode' | 'site:revokeWorkstation'> {
  const requireServer = (): SiteServerBinding => {
    if (!server) throw new AppError('SITE_NOT_SERVER', 'This PC is not a site server');
    return server;
  };
  // The same service the listener uses for enrolment and authentication (./server/site-server.ts).
  const service = new WorkstationService({ database: kernel.database, audit: kernel.audit, clock: kernel.clock });
  return {
    'site:listWorkstations': async () => {
      const binding = requireServer();
      return service.list((id) => binding.isOnline(id));
    },
    'site:createEnrolmentCode': async ({ session }) => {
      const binding = requireServer();
      return service.createCode(session.userId, { fingerprint: binding.fingerprint(), serverUrls: binding.urls() });
    },
    'site:revokeWorkstation': async ({ input, session }) => {
      const binding = requireServer();
      await service.revoke(input.id, session.userId);
      // Refused from now on; its open connection closes at once and its windows lock.
      binding.disconnect(input.id);
      return null;
    },
  };
}
