// Node (bench and tests). A small closed-loop load driver: N simulated workstations each run their scenario in a loop
// until the time is up, every call timed and classed (ok, an expected refusal, or an error with its code), then
// requests/s and nearest-rank p50/p95/p99 per operation and overall. The clock is injected so the statistics are
// tested without timing anything; the bench passes performance.now.
import { performance } from 'node:perf_hooks';
import type { IpcResult } from '../../shared/contract/result';

export interface OperationStats {
  label: string;
  count: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface LoadSummary {
  workers: number;
  durationMs: number;
  requests: number;
  requestsPerSecond: number;
  errors: number;
  /** Error code (or thrown message) → how many. */
  errorsByCode: Record<string, number>;
  /** A few examples of errors, to say what went wrong without flooding the output. */
  errorSamples: string[];
  overall: OperationStats;
  operations: OperationStats[];
}

/** Nearest-rank percentile of ascending values (p in 0–100): the smallest value with at least p % at or below it. */
export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sortedAscending.length);
  return sortedAscending[Math.min(sortedAscending.length, Math.max(1, rank)) - 1];
}

function statsOf(label: string, samples: readonly number[], errors: number): OperationStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    label,
    count: sorted.length,
    errors,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : 0,
    mean: sorted.length ? total / sorted.length : 0,
  };
}

/** Records timed calls; `summary()` turns them into the figures. */
export class LatencyRecorder {
  private readonly samples = new Map<string, number[]>();
  private readonly errorCounts = new Map<string, number>();
  private readonly errorsByCode: Record<string, number> = {};
  private readonly errorSamples: string[] = [];

  record(label: string, elapsedMs: number, error: string | null = null): void {
    let list = this.samples.get(label);
    if (!list) this.samples.set(label, (list = []));
    list.push(elapsedMs);
    if (error !== null) {
      this.errorCounts.set(label, (this.errorCounts.get(label) ?? 0) + 1);
      this.errorsByCode[error] = (this.errorsByCode[error] ?? 0) + 1;
      if (this.errorSamples.length < 10) this.errorSamples.push(`${label}: ${error}`);
    }
  }

  summary(workers: number, durationMs: number): LoadSummary {
    const operations = [...this.samples.entries()]
      .map(([label, values]) => statsOf(label, values, this.errorCounts.get(label) ?? 0))
      .sort((a, b) => a.label.localeCompare(b.label));
    const all = [...this.samples.values()].flat();
    const errors = [...this.errorCounts.values()].reduce((sum, value) => sum + value, 0);
    return {
      workers,
      durationMs,
      requests: all.length,
      requestsPerSecond: durationMs > 0 ? (all.length * 1000) / durationMs : 0,
      errors,
      errorsByCode: { ...this.errorsByCode },
      errorSamples: [...this.errorSamples],
      overall: statsOf('overall', all, errors),
      operations,
    };
  }
}

export interface LoadContext {
  /** Which loop turn this worker is on (0, 1, …). */
  iteration: number;
  /**
   * Times one call and records it. A result `{ok:false}` counts as an error unless its code is in `expected` (a
   * refusal the scenario provokes on purpose); a thrown error always counts. The result is returned either way
   * (undefined when the call threw), so the scenario can go on from it.
   */
  measure<T>(label: string, call: () => Promise<IpcResult<T>>, expected?: readonly string[]): Promise<IpcResult<T> | undefined>;
  /** True once the time is up: long scenarios check it between steps. */
  readonly done: boolean;
}

export interface RunLoadOptions<W> {
  workers: readonly W[];
  durationMs: number;
  /** One turn of a worker's scenario; called again until the time is up. */
  step(worker: W, context: LoadContext): Promise<void>;
  now?: () => number;
  recorder?: LatencyRecorder;
}

/** Runs every worker's loop concurrently for `durationMs`, then answers the figures. */
export async function runLoad<W>(options: RunLoadOptions<W>): Promise<LoadSummary> {
  const now = options.now ?? (() => performance.now());
  const recorder = options.recorder ?? new LatencyRecorder();
  const started = now();
  const deadline = started + options.durationMs;
  const isDone = () => now() >= deadline;

  await Promise.all(
    options.workers.map(async (worker) => {
      for (let iteration = 0; !isDone(); iteration++) {
        const context: LoadContext = {
          iteration,
          get done() {
            return isDone();
          },
          async measure<T>(label: string, call: () => Promise<IpcResult<T>>, expected: readonly string[] = []) {
            const t0 = now();
            try {
              const result = await call();
              const error = result.ok || expected.includes(result.error.code) ? null : result.error.code;
              recorder.record(label, now() - t0, error);
              return result;
            } catch (thrown) {
              recorder.record(label, now() - t0, `thrown: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
              return undefined;
            }
          },
        };
        await options.step(worker, context);
      }
    }),
  );
  return recorder.summary(options.workers.length, now() - started);
}

const f = (value: number) => value.toFixed(1).padStart(7);

/** The figures as the bench prints them: one line per operation, then the overall line and the errors. */
export function formatLoadSummary(title: string, summary: LoadSummary): string[] {
  const lines = [
    `  ${title}: ${summary.workers} postes, ${(summary.durationMs / 1000).toFixed(1)} s, ${summary.requests} requêtes, ${summary.requestsPerSecond.toFixed(1)} req/s, ${summary.errors} erreurs`,
    `    ${'opération'.padEnd(22)} ${'n'.padStart(6)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)}  erreurs`,
  ];
  for (const op of [...summary.operations, summary.overall]) {
    lines.push(`    ${op.label.padEnd(22)} ${String(op.count).padStart(6)} ${f(op.p50)} ${f(op.p95)} ${f(op.p99)} ${f(op.max)}  ${op.errors}`);
  }
  if (summary.errors) {
    lines.push(`    erreurs par code: ${JSON.stringify(summary.errorsByCode)}`);
    for (const sample of summary.errorSamples) lines.push(`      ${sample}`);
  }
  return lines;
}
