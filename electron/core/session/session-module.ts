// Pure (Node). The `session:*` channels: a window's own session (activity, timing, lock, sign-out). The
// registry itself is the kernel's: every domain asks it who is calling.
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import { createSessionHandlers } from './session-handlers';

export function createSessionModule(kernel: Kernel): DomainModule<keyof ReturnType<typeof createSessionHandlers>> {
  return { handlers: createSessionHandlers({ sessions: kernel.sessions }) };
}
