// Pure (Node). Work to do right after the current call has answered (processing a reset request, a lockout
// notice): it must not lengthen the answer, or the answer's timing would tell what happened. Tasks run one at a
// time, in order. In tests (autoRun off) nothing runs until `drain()`.
import type { Logger } from '../kernel/platform/logger';

export type DeferredTask = () => unknown;

export class DeferredTasks {
  private readonly queue: DeferredTask[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  private draining: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly autoRun: boolean,
    private readonly logger: Logger,
  ) {}

  add(task: DeferredTask): void {
    if (this.closed) return;
    this.queue.push(task);
    if (this.autoRun && !this.scheduled) {
      this.scheduled = setImmediate(() => {
        this.scheduled = null;
        void this.drain();
      });
      this.scheduled.unref();
    }
  }

  /** Runs every queued task (and those they queue); concurrent calls share the same run. */
  drain(): Promise<void> {
    if (this.draining) return this.draining.then(() => (this.queue.length > 0 ? this.drain() : undefined));
    this.draining = (async () => {
      for (let task = this.queue.shift(); task && !this.closed; task = this.queue.shift()) {
        try {
          await task();
        } catch (error) {
          this.logger.error('Deferred mail task failed', { error: error instanceof Error ? error.name : 'unknown' });
        }
      }
    })().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  /** Drops what has not started; resolves once the task under way (if any) is over. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    this.queue.length = 0;
    await this.draining;
  }
}
