// Renderer. The typed client over `window.gmao`. The contract decides each call's input and output types.
import '../../../shared/bridge';
import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayloads, IpcResult } from '../../../shared/contract';

type InputArgs<C extends ChannelName> = undefined extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>];

let onSessionLost: (() => void) | null = null;
let onPasswordChangeRequired: (() => void) | null = null;

/** The session store registers here: any call answered UNAUTHENTICATED means main ended this window's session. */
export function setSessionLostHandler(handler: () => void): void {
  onSessionLost = handler;
}

/** Any call answered PASSWORD_CHANGE_REQUIRED means this session must change its password before anything else. */
export function setPasswordChangeRequiredHandler(handler: () => void): void {
  onPasswordChangeRequired = handler;
}

export async function call<C extends ChannelName>(channel: C, ...[input]: InputArgs<C>): Promise<IpcResult<ChannelOutput<C>>> {
  const bridge = window.gmao;
  if (!bridge) return { ok: false, error: { code: 'BRIDGE_UNAVAILABLE', message: 'No bridge' } };
  try {
    const result = (await bridge.invoke(channel, input)) as IpcResult<ChannelOutput<C>>;
    if (!result.ok && result.error.code === 'UNAUTHENTICATED') onSessionLost?.();
    if (!result.ok && result.error.code === 'PASSWORD_CHANGE_REQUIRED') onPasswordChangeRequired?.();
    return result;
  } catch {
    return { ok: false, error: { code: 'BRIDGE_UNAVAILABLE', message: 'Bridge call failed' } };
  }
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
  return window.gmao?.on(event, listener) ?? (() => undefined);
}
