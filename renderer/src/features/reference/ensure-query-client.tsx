// Renderer. Until the shell's router and QueryClientProvider are merged, the io pages bring their own: when a provider
// is already above them (the shell's), this renders its children as they are; otherwise it supplies one client whose
// caches refetch on main's `data:changed` topics. The lead drops it at merge once the shell provides both.
import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query';
import { useContext, useEffect, type ReactNode } from 'react';
import { call, subscribe } from '../../api/client';
import type { ChannelInput, ChannelName, ChannelOutput, IpcError } from '../../../../shared/contract';

let fallback: QueryClient | null = null;

export function EnsureQueryClient({ children }: { children: ReactNode }) {
  const existing = useContext(QueryClientContext);
  fallback ??= new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });
  useEffect(() => {
    if (existing || !fallback) return;
    const client = fallback;
    return subscribe('data:changed', ({ topics }) => {
      for (const topic of topics) void client.invalidateQueries({ queryKey: [topic] });
    });
  }, [existing]);
  if (existing) return <>{children}</>;
  return <QueryClientProvider client={fallback}>{children}</QueryClientProvider>;
}

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
