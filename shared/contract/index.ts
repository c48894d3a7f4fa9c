// Pure. The whole IPC contract: every domain's channels merged into one map.
// Main registers exactly these channels, the preload forwards exactly these, the renderer's client is typed by them.
import type { z } from 'zod';
import { appContract } from '../app/contract';
import { usersContract } from '../accounts/contract';
import { auditContract } from '../audit/contract';
import { emailContract } from '../email/contract';
import { approvalContract } from '../approval/contract';
import { backupsContract } from '../backups/contract';
import { authContract } from '../auth/contract';
import type { ChannelSpec } from './channel';
import { draftsContract } from '../drafts/contract';
import { securityContract } from '../security/contract';
import { sessionContract } from '../session/contract';
import { referenceContract } from '../reference/contract';
import { dashboardContract } from '../dashboard/contract';

export const contract = {
  ...appContract,
  ...authContract,
  ...sessionContract,
  ...securityContract,
  ...draftsContract,
  ...usersContract,
  ...auditContract,
  ...emailContract,
  ...approvalContract,
  ...backupsContract,
  ...referenceContract,
  ...dashboardContract,
} satisfies Record<string, ChannelSpec>;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
/** What the caller passes (before zod's transforms). */
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
/** What the handler receives (after zod's transforms, e.g. trimming). */
export type ChannelParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = Contract[C] extends ChannelSpec<z.ZodType, infer O> ? O : never;
export type ChannelAccess<C extends ChannelName> = Contract[C]['access'];

export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

export * from './result';
export * from './roles';
export * from './events';
export type { Access, ChannelSpec } from './channel';
export type { AboutInfo, AppState, DataDirMode, OpenFolderResult } from '../app/contract';
export type { PasswordChangeDemand, SessionUser } from '../auth/contract';
export type { Draft } from '../drafts/contract';
export type { OpenSession, ThrottledIdentifier } from '../security/contract';
export type * from '../accounts/contract';
export type * from '../audit/contract';
export type * from '../email/contract';
export type * from '../approval/contract';
export type * from '../backups/contract';
export type * from '../reference/contract';
export type * from '../dashboard/contract';
