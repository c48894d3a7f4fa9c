// Pure (Node). The real wire a client PC uses unless a test passes its own: the TLS WebSocket link
// (./ws-site-link.ts) and the HTTPS probe and enrolment (./enrolment-client.ts).
import type { EnrolmentClient } from './enrol-this-pc';
import { enrolWithServer, probeServer } from './enrolment-client';
import type { SiteLink, SiteLinkOptions } from './site-link';
import { connectSiteLink } from './ws-site-link';

export const defaultConnect: (options: SiteLinkOptions) => SiteLink = connectSiteLink;

export const defaultEnrolmentClient: EnrolmentClient = { probeServer, enrolWithServer };
