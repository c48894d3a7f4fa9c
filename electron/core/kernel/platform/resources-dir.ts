// Pure. Where files shipped beside the app live (resources/common-passwords.txt…): in a packaged app,
// electron-builder's extraResources put them in process.resourcesPath (beside app.asar); in development
// they are the repository's resources/ folder. electron-builder.config.mjs and its test agree with this.
import path from 'node:path';

export function bundledResourcesDir(options: { isPackaged: boolean; resourcesPath: string; appPath: string }): string {
  return options.isPackaged ? options.resourcesPath : path.join(options.appPath, 'resources');
}
