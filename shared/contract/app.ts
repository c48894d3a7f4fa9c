// Pure. The `app` domain: what the renderer asks at start-up.
import { z } from 'zod';
import { channel } from './channel';
import type { SessionUser } from './auth';

export interface AppState {
  /** True until the first administrator exists: the app shows the setup screen. */
  needsSetup: boolean;
  /** The signed-in user of *this* window, or null. */
  user: SessionUser | null;
  version: string;
}

export const appContract = {
  'app:getState': channel<AppState>()({ input: z.undefined(), access: 'public' }),
};
