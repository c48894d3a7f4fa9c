// Pure (Node). The log file in `<data folder>/logs/`: one line per event, levels, size-based rotation
// (gmao-atelier.log, then .1.log … .N.log, the oldest dropped), every line redacted (redact.ts).
// Electron's main and the browser harness both use it, so the core stays free of electron-log.
// Writes are synchronous appends: a handful of lines a minute, and a line written just before a crash is
// the one that matters most. A logger never throws: if the disk refuses, the line goes to stderr.
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from './clock';
import type { Logger } from './logger';
import { redactText, redactValue } from './redact';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface FileLoggerOptions {
  dir: string;
  fileName?: string;
  /** Rotate when the file would grow past this size. */
  maxBytes?: number;
  /** How many rotated files to keep besides the current one. */
  maxFiles?: number;
  minLevel?: LogLevel;
  clock?: Clock;
  /** Also copy each line to stderr (development). */
  mirrorToStderr?: boolean;
}

export interface FileLogger extends Logger {
  debug(message: string, context?: Record<string, unknown>): void;
  readonly dir: string;
  readonly file: string;
}

export const DEFAULT_LOG_FILE = 'gmao-atelier.log';

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value);
}

export function createFileLogger(options: FileLoggerOptions): FileLogger {
  const fileName = options.fileName ?? DEFAULT_LOG_FILE;
  const file = path.join(options.dir, fileName);
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
  const maxFiles = Math.max(1, options.maxFiles ?? 5);
  const minRank = LOG_LEVELS.indexOf(options.minLevel ?? 'info');
  const now = () => (options.clock ?? { now: () => Date.now() }).now();
  let dirReady = false;
  let failedOnce = false;

  const rotatedName = (index: number) => {
    const ext = path.extname(fileName);
    return path.join(options.dir, `${fileName.slice(0, fileName.length - ext.length)}.${index}${ext}`);
  };

  const rotate = () => {
    fs.rmSync(rotatedName(maxFiles), { force: true });
    for (let index = maxFiles - 1; index >= 1; index--) {
      if (fs.existsSync(rotatedName(index))) fs.renameSync(rotatedName(index), rotatedName(index + 1));
    }
    fs.renameSync(file, rotatedName(1));
  };

  const write = (level: LogLevel, message: string, context?: Record<string, unknown>) => {
    if (LOG_LEVELS.indexOf(level) < minRank) return;
    const line = formatLine(now(), level, message, context);
    if (options.mirrorToStderr) process.stderr.write(line);
    try {
      if (!dirReady) {
        fs.mkdirSync(options.dir, { recursive: true });
        dirReady = true;
      }
      // Size from the disk each time: another instance (a second OS account) may share the folder.
      const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
      if (size > 0 && size + Buffer.byteLength(line) > maxBytes) rotate();
      fs.appendFileSync(file, line, 'utf8');
    } catch (error) {
      if (!failedOnce) {
        failedOnce = true;
        process.stderr.write(`[log] cannot write ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
      }
      process.stderr.write(line);
    }
  };

  return {
    dir: options.dir,
    file,
    debug: (message, context) => write('debug', message, context),
    info: (message, context) => write('info', message, context),
    warn: (message, context) => write('warn', message, context),
    error: (message, context) => write('error', message, context),
  };
}

/** `2026-01-15T08:00:00.000Z INFO  [pid 1234] message {"context":"…"}`, redacted, one line. */
export function formatLine(at: number, level: LogLevel, message: string, context?: Record<string, unknown>): string {
  let text = `${new Date(at).toISOString()} ${level.toUpperCase().padEnd(5)} [pid ${process.pid}] ${redactText(message)}`;
  if (context && Object.keys(context).length > 0) {
    let json: string;
    try {
      json = JSON.stringify(redactValue(context));
    } catch {
      json = '"[contexte illisible]"';
    }
    text += ` ${json}`;
  }
  // One event, one line: a newline inside a message must not forge a second entry.
  return `${text.replace(/\r?\n/g, ' ⏎ ')}\n`;
}

/** Wraps any logger so that what it receives is redacted first (the core wraps whatever it is given). */
export function redactingLogger(inner: Logger): Logger {
  const clean = (context?: Record<string, unknown>) => (context ? (redactValue(context) as Record<string, unknown>) : undefined);
  return {
    info: (message, context) => inner.info(redactText(message), clean(context)),
    warn: (message, context) => inner.warn(redactText(message), clean(context)),
    error: (message, context) => inner.error(redactText(message), clean(context)),
  };
}

/**
 * The log file's name. In shared mode several OS accounts write into the same `logs/` folder at once:
 * each gets its own file (named after the account), so that no two processes ever rotate the same file.
 */
export function logFileNameFor(options: { shared: boolean; account: string }): string {
  if (!options.shared) return DEFAULT_LOG_FILE;
  const account = options.account.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 40);
  return account ? `gmao-atelier-${account}.log` : DEFAULT_LOG_FILE;
}
