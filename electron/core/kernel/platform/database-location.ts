// Pure (Node). Which database engine this installation uses. SQLite in the data folder unless a PostgreSQL URL is
// given, in this order: `--database-url` on the command line, the GMAO_DATABASE_URL environment variable, then
// `"databaseUrl"` in the first gmao-atelier.json found beside the executable (the same files as the data folder's).
import { DataConfigError, readConfigObject, readFlag } from './data-dir';
import { isPostgresUrl } from '../db/database';

export const DATABASE_URL_ENV = 'GMAO_DATABASE_URL';
export const DATABASE_URL_FLAG = '--database-url';

export interface DatabaseLocation {
  /** null: SQLite in the data folder. */
  url: string | null;
  source: 'argument' | 'environment' | 'configured' | 'default';
  configFile: string | null;
}

export function resolveDatabaseLocation(options: {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  configFiles?: readonly string[];
  readFile?: (file: string) => string | null;
}): DatabaseLocation {
  const check = (url: string, where: string) => {
    if (!isPostgresUrl(url)) throw new DataConfigError(where, 'une adresse postgres://… est attendue / a postgres://… URL is expected');
    return url.trim();
  };
  const fromArgs = readFlag(options.argv, DATABASE_URL_FLAG);
  if (fromArgs !== undefined) return { url: check(fromArgs, DATABASE_URL_FLAG), source: 'argument', configFile: null };
  const fromEnv = options.env[DATABASE_URL_ENV]?.trim();
  if (fromEnv) return { url: check(fromEnv, DATABASE_URL_ENV), source: 'environment', configFile: null };
  for (const file of options.configFiles ?? []) {
    const text = options.readFile?.(file) ?? null;
    if (text === null) continue;
    const url = readConfigObject(text, file).databaseUrl;
    if (url === undefined) return { url: null, source: 'default', configFile: null };
    if (typeof url !== 'string') throw new DataConfigError(file, '"databaseUrl" doit être une adresse postgres://… / must be a postgres://… URL');
    return { url: check(url, file), source: 'configured', configFile: file };
  }
  return { url: null, source: 'default', configFile: null };
}
