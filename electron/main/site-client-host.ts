// Main (imports electron). A client PC's main process (issue 16): the SiteClientCore instead of createCore. The
// renderer and preload are those of a poste autonome; every call goes renderer → preload → here → site server. This
// file only plugs Electron in (the window events sink, the OS idle time, the relaunch after an enrolment).
import { app, powerMonitor } from 'electron';
import type { SecretStore } from '../core/email';
import type { Logger } from '../core/kernel/platform/logger';
import { createSiteClientCore, type SiteClientCore } from '../core/site/client/site-client-core';
import { APP_ORIGIN } from './app-protocol';
import { electronEventSink } from './ipc-registration';

/** How long the « redémarrage » answer has to reach the window before the app restarts as a client PC. */
const RELAUNCH_DELAY_MS = 1500;

export function startSiteClientHost(options: { dataDir: string; serverUrl: string | null; logger: Logger; secretStore: SecretStore }): Promise<SiteClientCore> {
  return createSiteClientCore({
    dataDir: options.dataDir,
    appVersion: app.getVersion(),
    trustedOrigins: [APP_ORIGIN],
    events: electronEventSink,
    secretStore: options.secretStore,
    logger: options.logger,
    serverUrl: options.serverUrl,
    // Input anywhere on the PC (another application) also proves someone is there: the server's idle clock hears it.
    systemIdleMs: () => powerMonitor.getSystemIdleTime() * 1000,
  });
}

/** A poste autonome enrolled from its first-run screen: it starts again as a client PC. */
export function relaunchAsClientPc(): void {
  setTimeout(() => {
    app.relaunch();
    app.exit(0);
  }, RELAUNCH_DELAY_MS);
}
