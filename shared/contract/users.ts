// Pure. The `users` domain: user administration and password changes (issue 4).
import type { ChannelSpec } from './channel';

export const usersContract = {} satisfies Record<string, ChannelSpec>;
