// Pure (Node). The `preventive` module: the generator and when it runs — at start-up (in the background, so
// start-up isn't held), every hour, and about a second after a reading is saved or an OT changes (the change feed's
// `meters` / `work-orders`, debounced) — never two passes at once in this process (one queue), and its channel for
// a Responsable who wants it run now. The plans CRUD, forecast, compliance and site calendar handlers are the
// planning and reports helpers' files, wired beside this module in modules.ts.
import type { ChangeTopic } from '../../../shared/contract/events';
import type { preventiveGeneratorContract } from '../../../shared/preventive/generator-contract';
import type { Kernel } from '../kernel/kernel';
import type { DomainModule, ScheduledJob } from '../kernel/module';
import { PreventiveGenerator, type GeneratorCounts } from './generator';

const HOUR = 3_600_000;
const DEBOUNCE_MS = 1000;
const LISTENED: readonly ChangeTopic[] = ['meters', 'work-orders'];

export interface PreventiveRunner {
  /** A pass at `now`, queued after any pass in flight (tests and the bench inject `now`). */
  runOnce(now: number): Promise<GeneratorCounts>;
}

export interface PreventiveModule extends DomainModule<keyof typeof preventiveGeneratorContract> {
  generator: PreventiveRunner;
}

export interface PreventiveModuleDeps {
  /** Start-up pass, hourly timer and change-feed listener (default true; test cores turn them off and call runOnce). */
  autoRun?: boolean;
}

export function createPreventiveModule(kernel: Kernel, deps: PreventiveModuleDeps = {}): PreventiveModule {
  const generator = new PreventiveGenerator({ database: kernel.database, workstation: kernel.workstationName, logger: kernel.logger });
  let queue: Promise<unknown> = Promise.resolve();
  let queuedAuto: Promise<GeneratorCounts> | null = null;
  let publishing = false;
  let closed = false;
  let debounce: ReturnType<typeof setTimeout> | null = null;

  const runOnce = (now: number): Promise<GeneratorCounts> => {
    const pass = queue.then(async () => {
      const counts = await generator.runOnce(now);
      const topics: ChangeTopic[] = counts.created > 0 ? ['work-orders', 'preventive'] : counts.missed + counts.completed + counts.cancelled > 0 ? ['preventive'] : [];
      if (topics.length > 0 && !closed) {
        // Our own `work-orders` must not wake our listener: that would be one more pass for nothing.
        publishing = true;
        try {
          kernel.changes.publish(...topics);
        } finally {
          publishing = false;
        }
      }
      return counts;
    });
    queue = pass.catch(() => undefined);
    return pass;
  };

  // Automatic passes coalesce: while one waits for its turn, another request joins it.
  const auto = (): Promise<GeneratorCounts | null> => {
    if (closed) return Promise.resolve(null);
    if (!queuedAuto) {
      const pass = queue.then(() => {
        queuedAuto = null;
        return closed ? null : runOnce(kernel.clock.now());
      });
      queuedAuto = pass as Promise<GeneratorCounts>;
    }
    return queuedAuto;
  };
  const autoLogged = () =>
    auto().catch((error: unknown) => kernel.logger.error('Preventive generator pass failed', { error: error instanceof Error ? error.message : String(error) }));

  const autoRun = deps.autoRun ?? true;
  const unsubscribe = autoRun
    ? kernel.changes.subscribe((topics) => {
        if (publishing || closed || !topics.some((t) => LISTENED.includes(t))) return;
        if (debounce) clearTimeout(debounce);
        debounce = setTimeout(() => {
          debounce = null;
          void autoLogged();
        }, DEBOUNCE_MS);
        debounce.unref?.();
      })
    : () => undefined;

  const jobs: ScheduledJob[] = autoRun
    ? [{ name: 'preventive.generator', everyMs: HOUR, background: true, run: async () => void (await auto()) }]
    : [];

  return {
    generator: { runOnce },
    jobs,
    handlers: {
      'preventive:runGenerator': async () => {
        const counts = await runOnce(kernel.clock.now());
        return { created: counts.created, missed: counts.missed, completed: counts.completed };
      },
    },
    async close() {
      closed = true;
      unsubscribe();
      if (debounce) clearTimeout(debounce);
      // The database closes after the modules: let a pass in flight finish first.
      await queue;
    },
  };
}
