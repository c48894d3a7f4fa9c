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
import { workOrdersListContract } from '../work-orders/list-contract';
import { requestsListContract } from '../requests/list-contract';
import { equipmentContract } from '../equipment/contract';
import { attachmentsContract } from '../attachments/contract';
import { equipmentIoContract } from '../equipment/equipment-io-contract';
import { workOrdersContract } from '../work-orders/contract';
import { requestsContract } from '../requests/contract';
import { dashboardContract } from '../dashboard/contract';
import { checklistsContract } from '../checklists/contract';
import { preventiveGeneratorContract } from '../preventive/generator-contract';
import { partsContract } from '../parts/contract';
import { partsIoContract } from '../parts/parts-io-contract';
import { siteCalendarContract } from '../preventive/site-calendar-contract';
import { complianceContract } from '../preventive/compliance-contract';
import { forecastContract } from '../preventive/forecast-contract';
import { stockContract } from '../stock/contract';
import { costsContract } from '../costs/contract';
import { indicatorsContract } from '../indicators/contract';
import { plansContract } from '../preventive/plans-contract';
import { planningContract } from '../planning/contract';
import { metersContract } from '../meters/contract';
import { siteContract } from '../site/contract';

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
  ...workOrdersListContract,
  ...requestsListContract,
  ...equipmentContract,
  ...attachmentsContract,
  ...equipmentIoContract,
  ...workOrdersContract,
  ...requestsContract,
  ...dashboardContract,
  ...checklistsContract,
  ...preventiveGeneratorContract,
  ...partsContract,
  ...partsIoContract,
  ...siteCalendarContract,
  ...complianceContract,
  ...forecastContract,
  ...stockContract,
  ...costsContract,
  ...indicatorsContract,
  ...plansContract,
  ...planningContract,
  ...metersContract,
  ...siteContract,
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
export type * from '../work-orders/list-contract';
export type * from '../requests/list-contract';
export type * from '../equipment/contract';
export type * from '../attachments/contract';
export type * from '../equipment/equipment-io-contract';
export type * from '../work-orders/contract';
export type * from '../requests/contract';
export type * from '../dashboard/contract';
export type * from '../checklists/contract';
export type * from '../preventive/generator-contract';
export type * from '../parts/contract';
export type * from '../parts/parts-io-contract';
export type * from '../preventive/site-calendar-contract';
export type * from '../preventive/compliance-contract';
export type * from '../preventive/forecast-contract';
export type * from '../stock/contract';
export type * from '../costs/contract';
export type * from '../indicators/contract';
export type * from '../preventive/plans-contract';
export type * from '../planning/contract';
export type * from '../meters/contract';
