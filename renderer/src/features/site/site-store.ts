// Renderer. What this PC is in the site (poste autonome, client, serveur) and how a client's link to its server
// stands: `site:status` read at start and after each `site:connection` event its main pushes. It belongs to the
// workstation, not to whoever is signed in, so it survives session ends (no store reset).
import { create } from 'zustand';
import type { SiteConnectionEvent } from '../../../../shared/contract/events';
import type { SiteStatus } from '../../../../shared/site/contract';
import { call, subscribe } from '../../api/client';

interface SiteState {
  status: SiteStatus | null;
  /** The latest `site:connection` event (null until one came). */
  connection: SiteConnectionEvent | null;
  /** The first-run screen's « Se connecter à un serveur de site » was pressed (poste autonome). */
  enrolRequested: boolean;
}

export const useSiteStore = create<SiteState>()(() => ({ status: null, connection: null, enrolRequested: false }));

/** Reads `site:status`; a refusal (an old main without the channel) leaves the PC seen as a poste autonome. */
export async function loadSiteStatus(): Promise<SiteStatus | null> {
  const result = await call('site:status');
  const status = result.ok ? result.data : null;
  useSiteStore.setState({ status });
  return status;
}

/** Listens to the link's changes for the window's lifetime; returns the unsubscribe. */
export function startSiteSync(): () => void {
  return subscribe('site:connection', (event) => {
    useSiteStore.setState({ connection: event });
    // The status carries what the event doesn't (name, server, may this PC enrol again): read it afresh.
    void loadSiteStatus();
  });
}

export function requestEnrolment(requested: boolean): void {
  useSiteStore.setState({ enrolRequested: requested });
}
