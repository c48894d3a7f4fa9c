// Pure. Where the data lives, and why. In order:
//   1. `--data-dir` on the command line;
//   2. the GMAO_DATA_DIR environment variable;
//   3. a `gmao-atelier.json` file beside the executable (written by the Windows installer's "shared data"
//      option, or by IT by hand): `{"dataMode":"shared"}` selects the machine-wide folder so every OS account
//      of a shop PC sees the same database, `{"dataDir":"D:\\GMAO"}` an explicit folder;
//   4. the per-user folder (Electron's userData).
// A config file that exists but can't be understood stops the start-up with a clear message: silently
// falling back to a per-user folder would split a shared PC's data without anyone noticing.
import path from 'node:path';
import type { DataDirMode } from '../../../shared/contract';

export type { DataDirMode };

export const DATA_DIR_ENV = 'GMAO_DATA_DIR';
export const DATA_CONFIG_FILE_NAME = 'gmao-atelier.json';

export interface DataLocation {
  dir: string;
  mode: DataDirMode;
  /** The config file that chose the folder (modes `shared` and `configured`), else null. */
  configFile: string | null;
}

export class DataConfigError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(
      `Le fichier de configuration ${file} est invalide (${reason}). Corrigez-le ou supprimez-le, puis relancez GMAO Atelier.\n` +
        `The configuration file ${file} is invalid (${reason}).`,
    );
    this.name = 'DataConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export interface ResolveDataLocationOptions {
  argv: readonly string[];
  env: Env;
  /** The per-user folder (Electron: app.getPath('userData')). */
  defaultDir: string;
  /** process.platform; decides the machine-wide folder and how paths are joined. */
  platform?: NodeJS.Platform;
  /** Config files to look for, first found wins (see configFileCandidates). */
  configFiles?: readonly string[];
  /** Reads a config file: its text, or null when it does not exist. Other errors propagate. */
  readFile?: (file: string) => string | null;
}

export function resolveDataLocation(options: ResolveDataLocationOptions): DataLocation {
  const platform = options.platform ?? process.platform;
  const fromArgs = readFlag(options.argv, '--data-dir');
  if (fromArgs !== undefined) return { dir: path.resolve(fromArgs), mode: 'argument', configFile: null };
  const fromEnv = nonEmpty(options.env[DATA_DIR_ENV]);
  if (fromEnv !== undefined) return { dir: path.resolve(fromEnv), mode: 'environment', configFile: null };

  for (const file of options.configFiles ?? []) {
    const text = options.readFile?.(file) ?? null;
    if (text === null) continue;
    const chosen = parseDataConfig(text, file, platform, options.env);
    if (chosen) return { ...chosen, configFile: file };
  }
  return { dir: path.resolve(options.defaultDir), mode: 'user', configFile: null };
}

/** The folder only (the harness and older callers). */
export function resolveDataDir(options: ResolveDataLocationOptions): string {
  return resolveDataLocation(options).dir;
}

/** The machine-wide folder of shared mode: every OS account of the PC uses it. */
export function machineDataDir(platform: NodeJS.Platform, env: Env): string {
  if (platform === 'win32') {
    const programData = nonEmpty(env.ProgramData) ?? nonEmpty(env.PROGRAMDATA) ?? nonEmpty(env.ALLUSERSPROFILE) ?? 'C:\\ProgramData';
    return path.win32.join(programData, 'GMAO Atelier');
  }
  if (platform === 'darwin') return '/Users/Shared/GMAO Atelier';
  return '/var/lib/gmao-atelier';
}

/**
 * Where a config file may sit: beside the executable, and for an AppImage beside the .AppImage file itself
 * (its executable lives in a read-only mount that changes at every start).
 */
export function configFileCandidates(options: { exePath: string; env: Env; platform?: NodeJS.Platform }): string[] {
  const p = (options.platform ?? process.platform) === 'win32' ? path.win32 : path.posix;
  const candidates: string[] = [];
  const appImage = nonEmpty(options.env.APPIMAGE);
  if (appImage !== undefined) candidates.push(p.join(p.dirname(appImage), DATA_CONFIG_FILE_NAME));
  candidates.push(p.join(p.dirname(options.exePath), DATA_CONFIG_FILE_NAME));
  return candidates;
}

/**
 * `{"dataMode":"shared"}` → the machine-wide folder; `{"dataDir":"…"}` → that folder (relative to the
 * file's own folder if relative); `{"dataMode":"user"}` or `{}` → no choice made (per-user folder).
 */
export function parseDataConfig(
  text: string,
  file: string,
  platform: NodeJS.Platform,
  env: Env,
): { dir: string; mode: 'shared' | 'configured' } | null {
  let parsed: unknown;
  try {
    // A BOM is what Notepad adds; it is not an error of the person who wrote the file.
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new DataConfigError(file, 'JSON illisible / unreadable JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new DataConfigError(file, 'un objet JSON est attendu / a JSON object is expected');
  }
  const { dataMode, dataDir } = parsed as { dataMode?: unknown; dataDir?: unknown };
  const p = platform === 'win32' ? path.win32 : path.posix;
  if (dataDir !== undefined) {
    if (typeof dataDir !== 'string' || dataDir.trim() === '') throw new DataConfigError(file, '"dataDir" doit être un chemin / must be a path');
    if (dataMode !== undefined && dataMode !== 'custom') {
      throw new DataConfigError(file, '"dataDir" et "dataMode" ne vont pas ensemble / "dataDir" excludes "dataMode"');
    }
    return { dir: p.resolve(p.dirname(file), dataDir), mode: 'configured' };
  }
  if (dataMode === undefined || dataMode === 'user') return null;
  if (dataMode === 'shared') return { dir: machineDataDir(platform, env), mode: 'shared' };
  throw new DataConfigError(file, `"dataMode" inconnu / unknown "dataMode": ${JSON.stringify(dataMode).slice(0, 40)}`);
}

/** Reads `--name value` or `--name=value`; the last one wins, as with most CLIs. */
export function readFlag(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  argv.forEach((arg, index) => {
    if (arg === name && index + 1 < argv.length) value = argv[index + 1];
    else if (arg.startsWith(`${name}=`)) value = arg.slice(name.length + 1);
  });
  return nonEmpty(value);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}
