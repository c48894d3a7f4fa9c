// Pure. The `backups` domain: backups, restore and the About screen (issue 7).
import type { ChannelSpec } from './channel';

export const backupsContract = {} satisfies Record<string, ChannelSpec>;
