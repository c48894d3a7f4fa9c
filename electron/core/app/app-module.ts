// Pure (Node). The app itself: start-up state, the About screen (versions, data folder, engine, logs) and
// renderer error reports. It also records which app version last ran on this data (every backup carries it).
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import { readSchemaVersion } from '../kernel/db/migrate-database';
import type { AuthService } from '../auth';
import { createAppHandlers, type OpenPath } from './app-handlers';

export async function createAppModule(
  kernel: Kernel,
  deps: { auth: AuthService; openPath?: OpenPath; versions?: { electron?: string; chrome?: string; node?: string } },
): Promise<DomainModule<keyof ReturnType<typeof createAppHandlers>>> {
  const recordAppVersion = () => kernel.settings.set('app.version', kernel.appVersion, kernel.clock.now());
  await recordAppVersion();
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
        database: { engine: kernel.database.engine, location: kernel.database.location },
        versions: deps.versions ?? process.versions,
        platform: process.platform,
        arch: process.arch,
      },
    }),
    onRestored: recordAppVersion,
  };
}
