// Pure. The `email` domain: SMTP settings, outbox, forgot password by email, invitations (issue 5).
import type { ChannelSpec } from './channel';

export const emailContract = {} satisfies Record<string, ChannelSpec>;
