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
import type { DataDirMode } from '../../../../shared/contract';

export type { DataDirMode };

export const DATA_DIR_ENV = 'GMAO_DATA_DIR';
export const DATA_CONFIG_FILE_NAME = 'gmao-atelier.json';

export interface DataLocation {
  dir: string;
  mode: DataDirMode;
  /** The config file that chose the folder (modes `shared` and `configured`), else null. */
  configFile: string | null;
}

/** A data folder GMAO Atelier refuses to start with; its message (French, then English) is shown as is. */
export class DataLocationError extends Error {}

export class DataConfigError extends DataLocationError {
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

/**
 * The data folder is on a network share (`\\server\share`, `//server/share`, `\\?\UNC\…`). SQLite's WAL needs
 * shared memory between the processes using the file, which network file systems don't give: two PCs writing
 * through a share can corrupt the database. Sharing between PCs will go through the site server instead.
 */
export class NetworkDataDirError extends DataLocationError {
  constructor(
    readonly dir: string,
    readonly source: DataDirMode,
  ) {
    super(
      `Le dossier de données ${dir} est sur un partage réseau : GMAO Atelier refuse d'y ouvrir sa base, car SQLite ` +
        `n'est pas fiable sur un partage réseau (la base pourrait être endommagée).\n` +
        `${WHERE_TO_FIX[source]}\n` +
        `Pour que plusieurs postes partagent les mêmes données, il faudra le serveur de site, prévu dans une prochaine version.\n\n` +
        `The data folder ${dir} is on a network share, where SQLite is not safe. Choose a local folder on this PC; ` +
        `sharing data between PCs will go through the site server (a later version).`,
    );
    this.name = 'NetworkDataDirError';
  }
}

const WHERE_TO_FIX: Record<DataDirMode, string> = {
  argument: "Ce chemin vient de l'option --data-dir : indiquez un dossier local de ce poste (par exemple C:\\GMAO).",
  environment: "Ce chemin vient de la variable d'environnement GMAO_DATA_DIR : indiquez-y un dossier local de ce poste.",
  configured: 'Ce chemin vient du fichier gmao-atelier.json ("dataDir") : indiquez-y un dossier local de ce poste.',
  shared: "Le dossier commun du poste (ProgramData) est sur le réseau : demandez à votre service informatique un dossier local.",
  user:
    "Votre dossier de profil est redirigé vers le réseau : indiquez un dossier local avec --data-dir, la variable " +
    "GMAO_DATA_DIR ou le fichier gmao-atelier.json (voir le README, « Where the data lives »).",
};

/**
 * True for a network path in any of its Windows spellings: `\\server\share`, `//server/share` (or mixed
 * separators), and the `\\?\UNC\server\share` / `\\.\UNC\…` long forms. `\\?\C:\…` is a local drive and
 * passes. Checked on every platform: such a spelling in a config file always means a share.
 */
export function isNetworkPath(dir: string): boolean {
  const slashed = dir.trim().replace(/\//g, '\\');
  if (!slashed.startsWith('\\\\')) return false;
  const device = /^\\\\[?.]\\(.*)$/.exec(slashed);
  // \\?\C:\… and \\.\C:\… name a local drive; any other device path (UNC\, GLOBALROOT\…\Mup\, a bare
  // \\?\) is refused with the shares, as nothing local is ever spelled that way by hand.
  if (device) return !/^[A-Za-z]:(\\|$)/.test(device[1]);
  return true;
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
  const { spelled, ...location } = chooseDataLocation(options);
  // Both as written and as resolved: on Linux `//server/share` resolves to `/server/share`, and a relative
  // "dataDir" beside a config file on a share only becomes a share once resolved.
  if (isNetworkPath(spelled) || isNetworkPath(location.dir)) throw new NetworkDataDirError(spelled, location.mode);
  return location;
}

function chooseDataLocation(options: ResolveDataLocationOptions): DataLocation & { spelled: string } {
  const platform = options.platform ?? process.platform;
  const fromArgs = readFlag(options.argv, '--data-dir');
  if (fromArgs !== undefined) return { dir: path.resolve(fromArgs), mode: 'argument', configFile: null, spelled: fromArgs };
  const fromEnv = nonEmpty(options.env[DATA_DIR_ENV]);
  if (fromEnv !== undefined) return { dir: path.resolve(fromEnv), mode: 'environment', configFile: null, spelled: fromEnv };

  for (const file of options.configFiles ?? []) {
    const text = options.readFile?.(file) ?? null;
    if (text === null) continue;
    const chosen = parseDataConfig(text, file, platform, options.env);
    if (chosen) return { ...chosen, configFile: file, spelled: chosen.dir };
  }
  return { dir: path.resolve(options.defaultDir), mode: 'user', configFile: null, spelled: options.defaultDir };
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
 * The object a `gmao-atelier.json` holds, or DataConfigError. One reader for every key of the file (the data folder
 * here, the database address, a client PC's server), so each says the same thing about the same mistake.
 */
export function readConfigObject(text: string, file: string): Record<string, unknown> {
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
  return parsed as Record<string, unknown>;
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
  const { dataMode, dataDir } = readConfigObject(text, file);
  const p = platform === 'win32' ? path.win32 : path.posix;
  if (dataDir !== undefined) {
    if (typeof dataDir !== 'string' || dataDir.trim() === '') throw new DataConfigError(file, '"dataDir" doit être un chemin / must be a path');
    if (dataMode !== undefined && dataMode !== 'custom') {
      throw new DataConfigError(file, '"dataDir" et "dataMode" ne vont pas ensemble / "dataDir" excludes "dataMode"');
    }
    // As written: on Linux `p.resolve` would turn `//server/share` into the local `/server/share`.
    if (isNetworkPath(dataDir)) throw new NetworkDataDirError(dataDir, 'configured');
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
