// Pure (Node). Tells every signed-in window that data changed, so its lists fetch again without a reload.
// Only topic names travel (never rows): a window that may not see something still cannot read it, since it
// refetches through the channels, which check its role. Windows on the login or lock screen get nothing.
// Across processes (a site server, several PCs) the same feed is fed by the database's notifications (issue 16).
import type { ChangeTopic } from '../../../../shared/contract/events';
import type { EventSink } from './session-registry';

export interface ChangeFeed {
  /** Call after the transaction that made the change has committed. */
  publish(...topics: ChangeTopic[]): void;
  /**
   * In-process listeners of the same topics (the preventive generator runs when a reading is saved or an OT is
   * finished) so a domain reacts to another's change without importing it. Returns the unsubscribe.
   * A listener's error is reported to `onListenerError`, never to the publisher (its write already committed).
   */
  subscribe(listener: (topics: readonly ChangeTopic[]) => void): () => void;
}

export function createChangeFeed(deps: { events: EventSink; windows: () => string[]; onListenerError?: (error: unknown) => void }): ChangeFeed {
  const listeners = new Set<(topics: readonly ChangeTopic[]) => void>();
  return {
    publish(...topics) {
      const unique = [...new Set(topics)];
      if (unique.length === 0) return;
      for (const windowId of deps.windows()) deps.events.send(windowId, 'data:changed', { topics: unique });
      for (const listener of [...listeners]) {
        try {
          listener(unique);
        } catch (error) {
          deps.onListenerError?.(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
