// Pure. The core logs through this interface; main plugs a file logger in, tests a memory one.
export interface Logger {
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

/** Writes to stderr; secrets must never be passed in `context` in the first place. */
export const consoleLogger: Logger = {
  info: (message, context) => console.error(`[info] ${message}`, context ?? ''),
  warn: (message, context) => console.error(`[warn] ${message}`, context ?? ''),
  error: (message, context) => console.error(`[error] ${message}`, context ?? ''),
};

export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: string, context?: Record<string, unknown>) =>
    lines.push(`${level} ${message} ${context ? JSON.stringify(context) : ''}`);
  return { lines, info: push('info'), warn: push('warn'), error: push('error') };
}
