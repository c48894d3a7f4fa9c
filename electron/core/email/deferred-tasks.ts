// Pure (Node). Work to do right after the current call has answered (processing a reset request, a lockout
// notice): it must not lengthen the answer, or the answer's timing would tell what happened. In tests
// (autoRun off) nothing runs until `drain()`.
import type { Logger } from '../kernel/platform/logger';

export class DeferredTasks {
  private readonly queue: (() => void)[] = [];
  private scheduled: NodeJS.Immediate | null = null;

  constructor(
    private readonly autoRun: boolean,
    private readonly logger: Logger,
  ) {}

  add(task: () => void): void {
    this.queue.push(task);
    if (this.autoRun && !this.scheduled) {
      this.scheduled = setImmediate(() => {
        this.scheduled = null;
        this.drain();
      });
      this.scheduled.unref();
    }
  }

  drain(): void {
    for (let task = this.queue.shift(); task; task = this.queue.shift()) {
      try {
        task();
      } catch (error) {
        this.logger.error('Deferred mail task failed', { error: error instanceof Error ? error.name : 'unknown' });
      }
    }
  }

  close(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    this.queue.length = 0;
  }
}
