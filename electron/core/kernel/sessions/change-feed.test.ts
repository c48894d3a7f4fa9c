// Node (vitest). The change feed: windows get topic names, in-process listeners get the same, and a failing
// listener neither reaches the publisher nor stops the others.
import { describe, expect, it } from 'vitest';
import { createChangeFeed } from './change-feed';

describe('change feed', () => {
  it('sends unique topics to signed-in windows and to listeners until they unsubscribe', () => {
    const sent: unknown[] = [];
    const errors: unknown[] = [];
    const feed = createChangeFeed({ events: { send: (windowId, name, payload) => sent.push([windowId, name, payload]) }, windows: () => ['w1'], onListenerError: (e) => errors.push(e) });
    const heard: string[][] = [];
    feed.subscribe(() => {
      throw new Error('boom');
    });
    const stop = feed.subscribe((topics) => heard.push([...topics]));
    feed.publish('meters', 'meters', 'work-orders');
    stop();
    feed.publish('stock');
    expect(sent).toEqual([
      ['w1', 'data:changed', { topics: ['meters', 'work-orders'] }],
      ['w1', 'data:changed', { topics: ['stock'] }],
    ]);
    expect(heard).toEqual([['meters', 'work-orders']]);
    expect(errors).toHaveLength(2);
  });
});
