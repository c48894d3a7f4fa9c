// Pure. Where the data lives: `--data-dir` wins, then GMAO_DATA_DIR, then the platform default (Electron's userData).
import path from 'node:path';

export const DATA_DIR_ENV = 'GMAO_DATA_DIR';

export function resolveDataDir(options: {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  defaultDir: string;
}): string {
  const fromArgs = readFlag(options.argv, '--data-dir');
  const chosen = fromArgs ?? nonEmpty(options.env[DATA_DIR_ENV]) ?? options.defaultDir;
  return path.resolve(chosen);
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
