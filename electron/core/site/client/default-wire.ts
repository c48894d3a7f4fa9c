// Pure (Node). The real wire a client PC uses unless a test passes its own: the TLS WebSocket link
// (./ws-site-link.ts) and the HTTPS probe and enrolment (./enrolment-client.ts).
import { AppError } from '../../kernel/platform/app-error';
import type { EnrolmentClient } from './enrol-this-pc';
import type { SiteLink, SiteLinkOptions } from './site-link';

const notBuilt = (what: string) => (): never => {
  throw new AppError('SITE_SERVER_UNREACHABLE', `${what} is not available in this build`);
};

export const defaultConnect: (options: SiteLinkOptions) => SiteLink = notBuilt('The site link');

export const defaultEnrolmentClient: EnrolmentClient = {
  probeServer: notBuilt('Probing a server'),
  enrolWithServer: notBuilt('Enrolment'),
};
