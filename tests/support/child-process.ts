// Node (tests and bench). A TypeScript entry point run as a real child process (`node --import tsx <script>`: one
// process, no tsx wrapper in between, so a kill -9 reaches the process that holds the sockets and the database), in a
// process group of its own so `kill9()` also takes anything it started. Its output is kept line by line for
// `waitForLine` and for the failure message when it dies early.
import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from './repo-paths';
import { waitUntil } from './wait';

export interface NodeChild {
  readonly pid: number;
  /** stdout and stderr lines, in arrival order, each prefixed with `out: ` or `err: `. */
  readonly lines: readonly string[];
  /** Null while running; the exit code or the signal once it ended. */
  readonly exit: { code: number | null; signal: NodeJS.Signals | null } | null;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first line matching `pattern` (already seen or to come); throws if the process ends first. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** SIGKILL to the whole process group: no handler runs, nothing is flushed or closed. */
  kill9(): Promise<void>;
  /** SIGTERM, then SIGKILL if it has not ended after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnNodeOptions {
  args?: readonly string[];
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Echo the child's output to this process's stderr (debugging a fault test). */
  echo?: boolean;
}

/** Runs a .ts (or .js) file of the repository in a child Node process. */
export function spawnNode(script: string, options: SpawnNodeOptions = {}): NodeChild {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, ...(options.args ?? [])], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, FORCE_COLOR: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (child.pid === undefined) throw new Error(`Could not start ${script}`);
  const pid = child.pid;
  const lines: string[] = [];
  let exit: NodeChild['exit'] = null;
  const collect = (prefix: string) => {
    let partial = '';
    return (chunk: Buffer) => {
      partial += chunk.toString('utf8');
      const parts = partial.split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(`${prefix}${line}`);
        if (options.echo) process.stderr.write(`[child ${pid}] ${prefix}${line}\n`);
      }
    };
  };
  child.stdout?.on('data', collect('out: '));
  child.stderr?.on('data', collect('err: '));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    });
  });

  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is gone already.
    }
  };

  return {
    pid,
    lines,
    get exit() {
      return exit;
    },
    exited,
    async waitForLine(pattern, timeoutMs = 30_000) {
      let found: string | undefined;
      await waitUntil(`a line matching ${pattern} from ${script}`, () => {
        found = lines.find((line) => pattern.test(line));
        if (found) return true;
        if (exit) throw new Error(`${script} ended (${JSON.stringify(exit)}) before printing ${pattern}:\n${lines.slice(-30).join('\n')}`);
        return false;
      }, { timeoutMs, intervalMs: 20 });
      return found as string;
    },
    async kill9() {
      signalGroup('SIGKILL');
      await exited;
    },
    async stop(graceMs = 10_000) {
      if (exit) return;
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
