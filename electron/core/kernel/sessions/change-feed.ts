// Pure (Node). Tells every signed-in window that data changed, so its lists fetch again without a reload.
// Only topic names travel (never rows): a window that may not see something still cannot read it, since it
// refetches through the channels, which check its role. Windows on the login or lock screen get nothing.
// Across processes (a site server, several PCs) the same feed is fed by the database's notifications (issue 16).
import type { ChangeTopic } from '../../../../shared/contract/events';
import type { EventSink } from './session-registry';

export interface ChangeFeed {
  /** Call after the transaction that made the change has committed. */
  publish(...topics: ChangeTopic[]): void;
}

export function createChangeFeed(deps: { events: EventSink; windows: () => string[] }): ChangeFeed {
  return {
    publish(...topics) {
      const unique = [...new Set(topics)];
      if (unique.length === 0) return;
      for (const windowId of deps.windows()) deps.events.send(windowId, 'data:changed', { topics: unique });
    },
  };
}
