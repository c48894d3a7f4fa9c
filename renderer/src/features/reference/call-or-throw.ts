// Renderer. The io pages' thin call helpers over the typed client (the shell's query client sits above every page).
import { call } from '../../api/client';
import type { ChannelInput, ChannelName, ChannelOutput, IpcError } from '../../../../shared/contract';

/** An IPC error the forms map to French text (errors.<code>, or a field's code). */
export class ChannelError extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
  }
}

/** Calls a channel and unwraps `{ok,data}`: what a TanStack Query `queryFn`/`mutationFn` wants. */
export async function callOrThrow<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await (call as (c: C, i: ChannelInput<C>) => ReturnType<typeof call<C>>)(channel, input);
  if (!result.ok) throw new ChannelError(result.error);
  return result.data;
}
