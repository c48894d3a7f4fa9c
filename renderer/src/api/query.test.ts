// Node (vitest). The query layer's two promises to a shared PC: a change event refreshes exactly the queries of its
// topics (and the dashboard that counts them), and a session end leaves no query data behind.
import { QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { EventPayloads } from '../../../shared/contract';
import { resetAllStores } from '../stores/store-reset';
import { createQueryClient, IpcError, keysToInvalidate, queryClient, startChangeSync, unwrap } from './query';

/** A stand-in for the bridge's event subscription: lets the test push `data:changed` as main would. */
function eventSource() {
  let listener: ((payload: EventPayloads['data:changed']) => void) | null = null;
  const listen = ((event: string, handler: (payload: EventPayloads['data:changed']) => void) => {
    if (event === 'data:changed') listener = handler;
    return () => {
      listener = null;
    };
  }) as Parameters<typeof startChangeSync>[1];
  return { listen, push: (payload: EventPayloads['data:changed']) => listener?.(payload), listening: () => listener !== null };
}

describe('topics → queries to fetch again', () => {
  it('names each changed topic, plus the dashboard for DIs, OTs and downtimes', () => {
    expect([...keysToInvalidate(['equipment'])]).toEqual(['equipment']);
    expect([...keysToInvalidate(['work-orders'])].sort()).toEqual(['costs', 'dashboard', 'planning', 'preventive', 'work-orders']);
    expect([...keysToInvalidate(['requests', 'downtimes'])].sort()).toEqual(['costs', 'dashboard', 'downtimes', 'requests']);
    expect([...keysToInvalidate(['stock', 'meters'])].sort()).toEqual(['costs', 'meters', 'parts', 'preventive', 'stock']);
    expect([...keysToInvalidate(['reference', 'attachments', 'locations'])].sort()).toEqual(['attachments', 'locations', 'reference']);
    expect([...keysToInvalidate([])]).toEqual([]);
  });

  it('a data:changed event invalidates the queries whose key starts with a changed topic, and only those', async () => {
    const client = createQueryClient();
    const source = eventSource();
    const keys = {
      orders: ['work-orders', 'list', { status: 'planned' }],
      order: ['work-orders', 'detail', 'OT-2026-000123'],
      equipment: ['equipment', 'detail', 'PR-003'],
      dashboard: ['dashboard', 'summary'],
      users: ['users', 'list', {}],
    } as const;
    for (const key of Object.values(keys)) client.setQueryData(key, { any: 'data' });
    const stop = startChangeSync(client, source.listen);

    source.push({ topics: ['work-orders'] });
    await Promise.resolve();
    expect(client.getQueryState(keys.orders)?.isInvalidated).toBe(true);
    expect(client.getQueryState(keys.order)?.isInvalidated).toBe(true);
    expect(client.getQueryState(keys.dashboard)?.isInvalidated).toBe(true);
    expect(client.getQueryState(keys.equipment)?.isInvalidated).toBe(false);
    expect(client.getQueryState(keys.users)?.isInvalidated).toBe(false);

    stop();
    expect(source.listening()).toBe(false);
  });

  it('a query on screen fetches again at once when its topic changes', async () => {
    const client = createQueryClient();
    const source = eventSource();
    let fetches = 0;
    const observer = new QueryObserver(client, { queryKey: ['equipment', 'list'], queryFn: () => ++fetches });
    const unsubscribe = observer.subscribe(() => undefined);
    await vitestWaitFor(() => fetches === 1);
    startChangeSync(client, source.listen);

    source.push({ topics: ['locations'] });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fetches).toBe(1);

    source.push({ topics: ['equipment'] });
    await vitestWaitFor(() => client.getQueryData(['equipment', 'list']) === 2);
    expect(fetches).toBe(2);
    unsubscribe();
  });
});

describe('session end', () => {
  it('the store reset empties the window query client: nothing of the previous person stays', async () => {
    queryClient.setQueryData(['users', 'list', {}], [{ id: 1, displayName: 'Marie Dupont' }]);
    queryClient.setQueryData(['work-orders', 'detail', 'OT-2026-000001'], { number: 'OT-2026-000001' });
    await queryClient.getMutationCache().build(queryClient, { mutationFn: async () => 'saved' }).execute(undefined);
    expect(queryClient.getQueryCache().getAll()).toHaveLength(2);
    expect(queryClient.getMutationCache().getAll()).toHaveLength(1);

    resetAllStores();

    expect(queryClient.getQueryCache().getAll()).toHaveLength(0);
    expect(queryClient.getMutationCache().getAll()).toHaveLength(0);
    expect(queryClient.getQueryData(['users', 'list', {}])).toBeUndefined();
  });
});

describe('unwrap', () => {
  it('returns the data of an accepted call and throws an IpcError with everything main said for a refusal', () => {
    expect(unwrap({ ok: true, data: 42 })).toBe(42);
    let thrown: unknown;
    try {
      unwrap({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'bad', fields: [{ path: 'email', code: 'invalid_email' }] } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(IpcError);
    expect((thrown as IpcError).toShape()).toEqual({ code: 'VALIDATION_FAILED', message: 'bad', fields: [{ path: 'email', code: 'invalid_email' }] });
  });
});

async function vitestWaitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}
