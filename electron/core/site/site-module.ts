// Pure (Node). The `site` domain's module: the mode this core runs in and the site channels. A poste autonome
// answers `site:status` and may enrol with a server (first run); a site server's core also lists, enrols and
// revokes its client PCs. A client PC's main answers the site channels itself (electron/core/site/client/), so
// they never reach the server.
import type { DomainModule } from '../kernel/module';
import type { Kernel } from '../kernel/kernel';
import { createSiteEnrolHandlers, type SiteEnrolDeps } from './site-enrol-handlers';
import { createSiteServerHandlers, type SiteServerBinding } from './site-server-handlers';

export interface SiteModuleDeps {
  /** Set when this core is a site server's: its certificate, addresses and connected PCs (filled once listening). */
  server?: SiteServerBinding;
  /** Poste autonome: enrolment with a server from the first-run screen. */
  enrol?: SiteEnrolDeps;
}

export type SiteModule = DomainModule<'site:status' | 'site:probe' | 'site:enrol' | 'site:listWorkstations' | 'site:createEnrolmentCode' | 'site:revokeWorkstation'>;

export function createSiteModule(kernel: Kernel, deps: SiteModuleDeps = {}): SiteModule {
  return {
    handlers: {
      ...createSiteEnrolHandlers(kernel, deps),
      ...createSiteServerHandlers(kernel, deps.server ?? null),
    },
  };
}
