// Pure. The `approval` domain: password reset by administrator approval (issue 6).
import type { ChannelSpec } from './channel';

export const approvalContract = {} satisfies Record<string, ChannelSpec>;
