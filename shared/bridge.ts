// Pure type. What the preload (Electron) or the harness bridge (browser) puts on `window.gmao`: nothing more.
import type { IpcResult } from './contract/result';
import type { EventName, EventPayloads } from './contract/events';

export interface GmaoBridge {
  invoke(channel: string, input: unknown): Promise<IpcResult<unknown>>;
  /** Returns the function that removes the listener. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

declare global {
  interface Window {
    /** Absent only when the page runs outside the app (then every call fails with BRIDGE_UNAVAILABLE). */
    gmao?: GmaoBridge;
  }
}
