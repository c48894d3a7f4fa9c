// Pure. The `audit` domain: the security audit viewer (issue 4).
import type { ChannelSpec } from './channel';

export const auditContract = {} satisfies Record<string, ChannelSpec>;
