// Pure (Node). Tells every signed-in window that data changed, so its lists fetch again without a reload.
// Only topic names travel (never rows): a window that may not see something still cannot read it, since it
// refetches through the channels, which check its role. Windows on the login or lock screen get nothing.
// Across processes (several site server processes, or workstations, on one PostgreSQL; issue 16) a relay carries
// the same topic names through the database's notifications (kernel/db/pg-notify.ts): each process delivers
// the others' topics to its own windows and in-process listeners, and ignores its own coming back.
import { CHANGE_TOPICS, type ChangeTopic } from '../../../../shared/contract/events';
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
  /** Topics another process published: delivered here exactly as local ones, and never relayed again. */
  deliver(topics: readonly ChangeTopic[]): void;
}

/** Where this process's changes go for the other processes on the same data (fire and forget). */
export interface ChangeRelay {
  send(topics: readonly ChangeTopic[]): void;
}

export function createChangeFeed(deps: {
  events: EventSink;
  windows: () => string[];
  onListenerError?: (error: unknown) => void;
  relay?: ChangeRelay | null;
}): ChangeFeed {
  const listeners = new Set<(topics: readonly ChangeTopic[]) => void>();
  const deliver = (topics: readonly ChangeTopic[]): ChangeTopic[] => {
    const unique = [...new Set(topics)];
    if (unique.length === 0) return unique;
    for (const windowId of deps.windows()) deps.events.send(windowId, 'data:changed', { topics: unique });
    for (const listener of [...listeners]) {
      try {
        listener(unique);
      } catch (error) {
        deps.onListenerError?.(error);
      }
    }
    return unique;
  };
  return {
    publish(...topics) {
      const unique = deliver(topics);
      if (unique.length > 0) deps.relay?.send(unique);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    deliver(topics) {
      deliver(topics);
    },
  };
}

/** What one process tells the others: its own random id (to recognise its echo) and the topic names. */
interface ChangeMessage {
  origin: string;
  topics: ChangeTopic[];
}

export function encodeChangeMessage(origin: string, topics: readonly ChangeTopic[]): string {
  const message: ChangeMessage = { origin, topics: [...topics] };
  return JSON.stringify(message);
}

const KNOWN = new Set<string>(CHANGE_TOPICS);

/**
 * The topics of another process's message; null for our own (`ownOrigin`) or anything malformed. Anyone able to
 * NOTIFY on the database could write here, so only known topic names pass: at worst, lists fetch again.
 */
export function decodeChangeMessage(payload: string, ownOrigin: string): ChangeTopic[] | null {
  let message: unknown;
  try {
    message = JSON.parse(payload);
  } catch {
    return null;
  }
  if (message === null || typeof message !== 'object') return null;
  const { origin, topics } = message as Partial<ChangeMessage>;
  if (typeof origin !== 'string' || origin === ownOrigin || !Array.isArray(topics)) return null;
  const known = topics.filter((topic): topic is ChangeTopic => typeof topic === 'string' && KNOWN.has(topic));
  return known.length > 0 ? [...new Set(known)] : null;
}
