// Renderer. A thin TanStack Query layer over the typed client for the équipements and pièces jointes screens,
// until the shell's `api/query.ts` (useChannelQuery / useChannelMutation) is merged: the lead swaps these for it.
// Query keys start with the change topic (`['equipment', …]`), so a `data:changed` event refetches them.
import { useQuery, type UseQueryOptions } from '@tanstack/react-query';
import type { ChannelInput, ChannelName, ChannelOutput, ChangeTopic, FieldIssue, IpcError } from '../../../../shared/contract';
import { call } from '../../api/client';

/** What a failed call throws: the contract's error, for forms to map its code and fields to French. */
export class ChannelError extends Error {
  readonly code: IpcError['code'];
  readonly fields: FieldIssue[] | undefined;
  readonly details: IpcError['details'];
  constructor(error: IpcError) {
    super(error.message);
    this.code = error.code;
    this.fields = error.fields;
    this.details = error.details;
  }
}

export async function request<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await (call as (c: C, i: ChannelInput<C>) => ReturnType<typeof call<C>>)(channel, input);
  if (!result.ok) throw new ChannelError(result.error);
  return result.data;
}

export function useChannel<C extends ChannelName>(
  key: readonly [ChangeTopic, ...unknown[]],
  channel: C,
  input: ChannelInput<C>,
  options: Omit<UseQueryOptions<ChannelOutput<C>, ChannelError>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<ChannelOutput<C>, ChannelError>({ queryKey: key, queryFn: () => request(channel, input), ...options });
}
