// Pure (Node). What a domain module gives the core: its IPC handlers, the jobs it needs run on a schedule, and
// what it must do when a restore replaces the data or the core closes. Each domain has one module,
// `create<Domain>Module(kernel, deps)` in `electron/core/<domain>/<domain>-module.ts`; `modules.ts` lists them.
import type { ChannelName } from '../../../shared/contract';
import type { HandlerMap } from './ipc/handler-types';

export interface ScheduledJob {
  /** For the log when it fails. */
  name: string;
  /** How often it runs; it also runs once at start-up unless `atStart` is false. */
  everyMs: number;
  atStart?: boolean;
  /** Its start-up run is not awaited by createCore (a daily backup may take minutes); the others are. */
  background?: boolean;
  run(): void | Promise<void>;
}

export interface DomainModule<K extends ChannelName = ChannelName> extends ModuleLifecycle {
  handlers: HandlerMap<K>;
}

/** What the core does with every module besides merging its handlers. */
export interface ModuleLifecycle {
  jobs?: ScheduledJob[];
  /** After a restore replaced the data: drop what was kept in memory from the old data. */
  onRestored?(): void | Promise<void>;
  close?(): void | Promise<void>;
}
