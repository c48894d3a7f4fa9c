// Node (tests, harness, bench). Folders of this repository that the core needs when it runs outside Electron.
import path from 'node:path';

/** The repository's root folder. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** The read-only resources (common-password list) that a packaged app finds in process.resourcesPath. */
export const REPO_RESOURCES_DIR = path.resolve(import.meta.dirname, '../../resources');
