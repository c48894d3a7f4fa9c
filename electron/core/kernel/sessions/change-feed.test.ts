// Node (vitest). The change feed: windows get topic names, in-process listeners get the same, and a failing
// listener neither reaches the publisher nor stops the others; what the relay sends to the other processes, and
// what of theirs is delivered (known topics from another origin only, never relayed again).
import { describe, expect, it } from 'vitest';
import { createChangeFeed, decodeChangeMessage, encodeChangeMessage } from './change-feed';

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

  it('relays its own changes once, delivers another process’s without relaying them back', () => {
    const sent: unknown[] = [];
    const relayed: string[][] = [];
    const heard: string[][] = [];
    const feed = createChangeFeed({
      events: { send: (windowId, name, payload) => sent.push([windowId, name, payload]) },
      windows: () => ['w1'],
      relay: { send: (topics) => relayed.push([...topics]) },
    });
    feed.subscribe((topics) => heard.push([...topics]));
    feed.publish('requests', 'requests');
    feed.publish();
    feed.deliver(['stock', 'stock', 'parts']);
    expect(relayed).toEqual([['requests']]);
    expect(sent).toEqual([
      ['w1', 'data:changed', { topics: ['requests'] }],
      ['w1', 'data:changed', { topics: ['stock', 'parts'] }],
    ]);
    expect(heard).toEqual([['requests'], ['stock', 'parts']]);
  });

  it('decodes another origin’s known topics and nothing else', () => {
    const message = encodeChangeMessage('proc-a', ['requests', 'work-orders']);
    expect(decodeChangeMessage(message, 'proc-b')).toEqual(['requests', 'work-orders']);
    // Our own notification coming back.
    expect(decodeChangeMessage(message, 'proc-a')).toBeNull();
    // Unknown topic names are dropped; a message of nothing known, or malformed, is nothing.
    expect(decodeChangeMessage(JSON.stringify({ origin: 'x', topics: ['requests', 'users', 42, 'requests'] }), 'me')).toEqual(['requests']);
    expect(decodeChangeMessage(JSON.stringify({ origin: 'x', topics: ['__proto__'] }), 'me')).toBeNull();
    expect(decodeChangeMessage(JSON.stringify({ topics: ['requests'] }), 'me')).toBeNull();
    expect(decodeChangeMessage(JSON.stringify({ origin: 'x', topics: 'requests' }), 'me')).toBeNull();
    expect(decodeChangeMessage('not json', 'me')).toBeNull();
    expect(decodeChangeMessage('null', 'me')).toBeNull();
  });
});
