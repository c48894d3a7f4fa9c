// Types of build/scripts/packaging.mjs, for the TypeScript tests that import it.
export interface ResolvedPackage {
  name: string;
  version: string;
  dir: string;
  relative: string;
}
export interface Target {
  platform: string;
  arch: string;
}
export const RUNTIME_EXTERNALS: string[];
export const OPTIONAL_NEVER_LOADED: string[];
export const INSTALL_ONLY_PACKAGES: string[];
export const STAGE_DIR_NAME: string;
export const OUTPUT_DIR_NAME: string;
export function packagingDirs(rootDir: string): { stageDir: string; outputDir: string };
export function dependencyClosure(rootDir: string, names: string[], options?: { skip?: string[] }): ResolvedPackage[];
export function installOnlyPackages(rootDir: string): ResolvedPackage[];
export function stagedPackageJson(rootPackage: Record<string, unknown>, runtimeVersions: Record<string, string>): Record<string, unknown>;
export function stageApp(options: { rootDir: string; stageDir: string; distDir?: string }): { files: string[] };
export function listFiles(dir: string, base?: string): string[];
export function electronZipName(version: string, platform: string, arch: string): string;
export function electronDownloadUrl(version: string, platform: string, arch: string, env?: Record<string, string | undefined>): string;
export function electronCacheDirs(env?: Record<string, string | undefined>, platform?: string, home?: string): string[];
export function findCachedElectronZip(dirs: string[], zipName: string): string | null;
export function packagingPreflight(input: {
  targets: Target[];
  electronVersion: string;
  hostPlatform: string;
  hostArch?: string;
  installedElectronDist: string | null;
  cachedZip: (target: Target) => string | null;
  canDownload: (url: string) => Promise<boolean>;
  hasWine: boolean;
  env?: Record<string, string | undefined>;
}): Promise<{ ok: true; electronDist: string | null; notes: string[] } | { ok: false; problems: string[] }>;
export function packagingImpossibleMessage(problems: string[]): string;
export function targetsFor(args: string[], hostPlatform?: string, arch?: string): Target[];
