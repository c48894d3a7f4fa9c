// Node (tests). The load driver's figures, on an injected clock so nothing is timed: nearest-rank percentiles, the
// request rate over the run, errors classed by code (an expected refusal is not an error, a thrown call is), and
// every worker stopping once the time is up.
import { describe, expect, it } from 'vitest';
import { percentile, runLoad } from '../support/load-driver';

describe('load driver', () => {
  it('computes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 95)).toBe(0);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
  });

  it('times and classes each call of a worker until the time is up', async () => {
    let clock = 0;
    let turns = 0;
    const summary = await runLoad({
      workers: ['A'],
      durationMs: 1000,
      now: () => clock,
      async step(_worker, context) {
        turns += 1;
        // A fast list, an expected refusal, then a slow write that fails one turn in four, and throws once.
        await context.measure('list', async () => {
          clock += 10;
          return { ok: true, data: [] };
        });
        await context.measure('finish', async () => {
          clock += 10;
          return { ok: false, error: { code: 'CONFLICT', message: 'déjà fait' } };
        }, ['CONFLICT']);
        await context.measure('report', async () => {
          clock += 30;
          if (context.iteration === 5) throw new Error('socket closed');
          if (context.iteration % 4 === 3) return { ok: false, error: { code: 'DATABASE_BUSY', message: 'réessayez' } };
          return { ok: true, data: { number: 'DI-1' } };
        });
      },
    });
    // 50 per turn: the 20th turn ends exactly at 1000, and no turn starts after.
    expect(turns).toBe(20);
    expect(summary.durationMs).toBe(1000);
    expect(summary.requests).toBe(60);
    expect(summary.requestsPerSecond).toBe(60);
    const byLabel = Object.fromEntries(summary.operations.map((op) => [op.label, op]));
    expect(byLabel.list).toMatchObject({ count: 20, p50: 10, p95: 10, p99: 10, errors: 0 });
    expect(byLabel.finish.errors).toBe(0);
    expect(byLabel.report).toMatchObject({ count: 20, p50: 30, errors: 6 });
    // Turns 3, 7, 11, 15, 19 busy; turn 5 threw.
    expect(summary.errorsByCode).toEqual({ DATABASE_BUSY: 5, 'thrown: socket closed': 1 });
    expect(summary.errors).toBe(6);
    expect(summary.overall).toMatchObject({ count: 60, p50: 10, p95: 30, max: 30 });
  });

  it('runs the workers concurrently and stops each of them', async () => {
    let clock = 0;
    const turns = new Map<string, number>();
    const summary = await runLoad({
      workers: ['A', 'B', 'C'],
      durationMs: 300,
      now: () => clock,
      async step(worker, context) {
        turns.set(worker, (turns.get(worker) ?? 0) + 1);
        await context.measure('tick', async () => {
          clock += 10;
          return { ok: true, data: null };
        });
      },
    });
    expect([...turns.keys()].sort()).toEqual(['A', 'B', 'C']);
    expect(summary.requests).toBe([...turns.values()].reduce((a, b) => a + b, 0));
    expect(summary.workers).toBe(3);
    expect(summary.errors).toBe(0);
  });
});
