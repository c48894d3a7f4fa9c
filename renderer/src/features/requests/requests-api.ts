// Renderer. Thin TanStack Query helpers for the DI pages until the shell's `api/query.ts` is merged (the lead swaps
// them for useChannelQuery/useChannelMutation): a channel's answer unwrapped, its error thrown with its code.
import type { ChannelInput, ChannelName, ChannelOutput, IpcError } from '../../../../shared/contract';
import { call } from '../../api/client';

export class ChannelError extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
    this.name = 'ChannelError';
  }
}

export async function request<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await (call as (channel: C, input: ChannelInput<C>) => ReturnType<typeof call<C>>)(channel, input);
  if (!result.ok) throw new ChannelError(result.error);
  return result.data;
}

/** Query keys start with the change topic, so a `data:changed` for `requests` refetches them all. */
export const requestKeys = {
  mine: ['requests', 'mine'] as const,
  detail: (number: string) => ['requests', 'detail', number] as const,
};
