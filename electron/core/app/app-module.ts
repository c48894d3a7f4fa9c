// Pure (Node). The app itself: start-up state, the About screen (versions, data folder, engine, logs) and
// renderer error reports. It also records which app version last ran on this data (every backup carries it).
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import { readSchemaVersion } from '../kernel/db/migrate-database';
import type { AuthService } from '../auth';
import { createAppHandlers, type OpenPath } from './app-handlers';

export function createAppModule(
  kernel: Kernel,
  deps: { auth: AuthService; openPath?: OpenPath; versions?: { electron?: string; chrome?: string; node?: string } },
): DomainModule<keyof ReturnType<typeof createAppHandlers>> {
  // Recorded in the background (a module is built synchronously): the version is only read by backups, and a
  // failure is logged rather than lost.
  const recordAppVersion = () => {
    kernel.settings.set('app.version', kernel.appVersion, kernel.clock.now()).catch((error: unknown) =>
      kernel.logger.error('Could not record the app version', { error: error instanceof Error ? error.message : String(error) }),
    );
  };
  recordAppVersion();
  return {
    handlers: createAppHandlers({
      auth: deps.auth,
      appVersion: kernel.appVersion,
      logger: kernel.logger,
      clock: kernel.clock,
      openPath: deps.openPath ?? (() => Promise.resolve({ ok: false, reason: 'unavailable' })),
      about: {
        dataDir: kernel.dataDir,
        dataMode: kernel.dataMode,
        configFile: kernel.dataConfigFile,
        logDir: kernel.logDir,
        schemaVersion: () => readSchemaVersion(kernel.database),
        versions: deps.versions ?? process.versions,
        platform: process.platform,
        arch: process.arch,
      },
    }),
    onRestored: recordAppVersion,
  };
}
