// Renderer. TanStack Query over the IPC contract: one client for the window, hooks that unwrap `{ok,data}` (a refusal
// becomes a thrown `IpcError` the forms map to French), and the link to main's `data:changed` event: every query
// whose key starts with a changed topic fetches again, so another window's change shows up without a reload.
// At every session end the cache is emptied: nobody on a shared PC sees the previous person's data.
import i18next from 'i18next';
import { QueryClient, useMutation, useQuery, type UseMutationOptions, type UseQueryOptions } from '@tanstack/react-query';
import type { ChannelInput, ChannelName, ChannelOutput, ChangeTopic, IpcResult } from '../../../shared/contract';
import type { IpcError as IpcErrorShape } from '../../../shared/contract/result';
import { registerStoreReset } from '../stores/store-reset';
import { call, subscribe } from './client';

/** The first element of every query key: a change topic, or a key of the renderer's own that a mutation names. */
export type QueryTopic = ChangeTopic | 'users' | 'audit' | 'dashboard' | 'site';

/** A refusal from main, thrown by the hooks so TanStack Query treats it as an error; keeps everything main said. */
export class IpcError extends Error {
  readonly code: IpcErrorShape['code'];
  readonly fields: IpcErrorShape['fields'];
  readonly details: IpcErrorShape['details'];

  constructor(error: IpcErrorShape) {
    super(error.message);
    this.name = 'IpcError';
    this.code = error.code;
    this.fields = error.fields;
    this.details = error.details;
  }

  /** The plain `{code,message,…}` shape the existing error mappers (`form-errors.ts`) take. */
  toShape(): IpcErrorShape {
    return { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}), ...(this.details ? { details: this.details } : {}) };
  }
}

/**
 * The sentence for a failed call, in the user's language. For the codes listed, main writes a French sentence
 * naming what is at stake (the step, the bin, the quantity left): shown as is to a French reader when `isSentence`
 * accepts it; every other case gets the code's translation.
 */
export function ipcErrorText(error: unknown, frenchMessageCodes: ReadonlySet<string>, isSentence: (message: string) => boolean = (message) => message !== ''): string {
  if (!(error instanceof IpcError)) return i18next.t('errors.INTERNAL_ERROR');
  if (frenchMessageCodes.has(error.code) && i18next.language === 'fr' && isSentence(error.message)) return error.message;
  return i18next.t(`errors.${error.code}` as 'errors.INTERNAL_ERROR');
}

export function unwrap<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new IpcError(result.error);
  return result.data;
}

/**
 * Queries that read several topics at once, keyed under their own name: the dashboard counts DIs, OTs and
 * downtimes, so a change to any of them refreshes it.
 */
const DEPENDENT_KEYS: Partial<Record<ChangeTopic, readonly QueryTopic[]>> = {
  requests: ['dashboard'],
  // An OT's state, time and parts move its cost, the indicators and the préventif's compliance and forecast.
  'work-orders': ['dashboard', 'costs', 'preventive', 'planning'],
  downtimes: ['dashboard', 'costs'],
  // The parts list and page show stock and available quantities summed from the stock tables; issues cost OTs.
  stock: ['parts', 'costs'],
  // A reading moves meter-based forecasts.
  meters: ['preventive'],
};

/** Pure: the first key elements whose queries must fetch again when these topics changed. */
export function keysToInvalidate(topics: readonly ChangeTopic[]): Set<string> {
  const keys = new Set<string>();
  for (const topic of topics) {
    keys.add(topic);
    for (const dependent of DEPENDENT_KEYS[topic] ?? []) keys.add(dependent);
  }
  return keys;
}

/** Marks stale, and refetches the ones on screen, every query whose key's first element is among `keys`. */
export function invalidateKeys(client: QueryClient, keys: Iterable<string>): Promise<void> {
  const wanted = new Set(keys);
  return client.invalidateQueries({ predicate: (query) => typeof query.queryKey[0] === 'string' && wanted.has(query.queryKey[0]) });
}

export function invalidateTopics(client: QueryClient, topics: readonly ChangeTopic[]): Promise<void> {
  return invalidateKeys(client, keysToInvalidate(topics));
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // An IPC refusal (forbidden, invalid, not found) is an answer, not a network hiccup: asking again changes nothing.
      queries: { retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

/** The window's one query client. */
export const queryClient = createQueryClient();

/** Empties every query and mutation (data and errors): called at every session end through the store reset. */
export function clearOnSessionEnd(client: QueryClient): () => void {
  return () => client.clear();
}
registerStoreReset(clearOnSessionEnd(queryClient));

/** Listens once to main's change events for the window's lifetime; returns the unsubscribe. */
export function startChangeSync(client: QueryClient = queryClient, listen: typeof subscribe = subscribe): () => void {
  return listen('data:changed', ({ topics }) => void invalidateTopics(client, topics));
}

type InputArgs<C extends ChannelName> = undefined extends ChannelInput<C> ? ChannelInput<C> | undefined : ChannelInput<C>;

/** Reads a channel. `key` starts with the topic the data belongs to: `['work-orders', 'list', filter]`. */
export function useChannelQuery<C extends ChannelName, TSelected = ChannelOutput<C>>(
  key: readonly [QueryTopic, ...unknown[]],
  channel: C,
  input: InputArgs<C>,
  options?: Omit<UseQueryOptions<ChannelOutput<C>, IpcError, TSelected>, 'queryKey' | 'queryFn'>,
) {
  return useQuery<ChannelOutput<C>, IpcError, TSelected>({
    queryKey: key,
    queryFn: async () => unwrap(await (call as (channel: C, input: unknown) => Promise<IpcResult<ChannelOutput<C>>>)(channel, input)),
    ...options,
  });
}

/** Writes through a channel; on success, the topics it names fetch again at once (main's event follows anyway). */
export function useChannelMutation<C extends ChannelName>(
  channel: C,
  options: { invalidates?: readonly QueryTopic[] } & Omit<UseMutationOptions<ChannelOutput<C>, IpcError, InputArgs<C>>, 'mutationFn'> = {},
) {
  const { invalidates, onSuccess, ...rest } = options;
  return useMutation<ChannelOutput<C>, IpcError, InputArgs<C>>({
    mutationFn: async (input) => unwrap(await (call as (channel: C, input: unknown) => Promise<IpcResult<ChannelOutput<C>>>)(channel, input)),
    onSuccess: async (...args) => {
      if (invalidates && invalidates.length > 0) await invalidateKeys(queryClient, invalidates);
      await onSuccess?.(...args);
    },
    ...rest,
  });
}
