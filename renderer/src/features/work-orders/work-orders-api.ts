// Renderer. The OT page's data through TanStack Query: thin wrappers over the typed IPC client that unwrap
// `{ok,data}` and throw the IpcError (its code is what the page translates). Query keys start with the change
// topic ('work-orders', 'reference') so a `data:changed` push refetches them. The shell's `api/query.ts`
// (useChannelQuery / useChannelMutation) replaces these at merge; the shapes are the same.
import { useQuery } from '@tanstack/react-query';
import i18next from 'i18next';
import type { ChannelInput, ChannelName, ChannelOutput, IpcError, IpcResult } from '../../../../shared/contract';
import { call } from '../../api/client';

export class WorkOrderCallError extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
  }
}

export function unwrap<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new WorkOrderCallError(result.error);
  return result.data;
}

export async function callChannel<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  return unwrap(await (call as (c: C, i: ChannelInput<C>) => Promise<IpcResult<ChannelOutput<C>>>)(channel, input));
}

export function useWorkOrder(number: string) {
  return useQuery({ queryKey: ['work-orders', 'detail', number], queryFn: () => callChannel('workOrders:get', { number }), retry: false });
}

export function useReferenceList(list: 'symptom' | 'cause' | 'remedy') {
  return useQuery({ queryKey: ['reference', 'list', list], queryFn: () => callChannel('reference:list', { list }), staleTime: 60_000 });
}

export function useAssigneeOptions() {
  return useQuery({ queryKey: ['work-orders', 'assignees'], queryFn: () => callChannel('workOrders:assignees', {}), staleTime: 60_000 });
}

/** Codes whose message main writes in French naming the states or the running OT: shown as is in French. */
const SPECIFIC = new Set(['WORK_ORDER_TRANSITION_REFUSED', 'WORK_ORDER_CLOCK_RUNNING', 'WORK_ORDER_TIME_REQUIRED', 'WORK_ORDER_LOCKED', 'STEPS_INCOMPLETE']);

/** The sentence for a failed call, in the user's language. */
export function errorText(error: unknown): string {
  const ipc = error instanceof WorkOrderCallError ? error.error : null;
  if (!ipc) return i18next.t('errors.INTERNAL_ERROR');
  if (SPECIFIC.has(ipc.code) && i18next.language === 'fr') return ipc.message;
  return i18next.t(`errors.${ipc.code}` as 'errors.INTERNAL_ERROR');
}

export function errorCode(error: unknown): string | null {
  return error instanceof WorkOrderCallError ? error.error.code : null;
}

/** Field issues main answered (VALIDATION_FAILED): path → i18n key. */
export function fieldIssues(error: unknown): Record<string, string> {
  const fields = error instanceof WorkOrderCallError ? (error.error.fields ?? []) : [];
  const out: Record<string, string> = {};
  for (const field of fields) out[field.path] ??= field.code;
  return out;
}
