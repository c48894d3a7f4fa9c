// Pure. The `session` domain: activity, timing, lock now.
import { z } from 'zod';
import { channel } from '../contract/channel';
import type { SessionTiming } from '../contract/events';

export const sessionContract = {
  /** Real user input only (keyboard, pointer, touch), throttled by the renderer. The only call that extends the idle deadline. */
  'session:activity': channel<SessionTiming>()({ input: z.undefined(), access: 'authenticated', duringPasswordChange: true }),
  /** Re-reads the deadlines (e.g. when the window becomes visible again). Does not count as activity. */
  'session:getTiming': channel<SessionTiming>()({ input: z.undefined(), access: 'authenticated', duringPasswordChange: true }),
  /** "Verrouiller": ends this window's session at once. */
  'session:lock': channel<null>()({ input: z.undefined(), access: 'authenticated', duringPasswordChange: true }),
};
