// Browser (harness only). Plays the preload's part in a plain browser tab: it puts the same
// `window.gmao` API on the page and carries calls to the harness over a loopback WebSocket.
// Each tab opens its own socket, so each tab is its own "window" with its own session.
import type { GmaoBridge } from '../../shared/bridge';
import type { IpcResult } from '../../shared/contract/result';

type ServerMessage =
  | { type: 'result'; id: number; result: IpcResult<unknown> }
  | { type: 'event'; event: string; payload: unknown }
  // The harness refused a frame (never one this bridge sends) and is closing the socket.
  | { type: 'error'; error: { code: string; message: string } };

const socket = new WebSocket(`ws://${location.host}/__harness/ipc`);
const opened = new Promise<void>((resolve, reject) => {
  socket.addEventListener('open', () => resolve(), { once: true });
  socket.addEventListener('error', () => reject(new Error('bridge closed')), { once: true });
});
const pending = new Map<number, (result: IpcResult<unknown>) => void>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let nextId = 1;

socket.addEventListener('message', (message) => {
  const data = JSON.parse(String(message.data)) as ServerMessage;
  if (data.type === 'result') {
    pending.get(data.id)?.(data.result);
    pending.delete(data.id);
  } else if (data.type === 'event') {
    listeners.get(data.event)?.forEach((listener) => listener(data.payload));
  } else {
    console.error(`Harness refused a bridge message: ${data.error.message}`);
  }
});
socket.addEventListener('close', () => {
  for (const resolve of pending.values()) {
    resolve({ ok: false, error: { code: 'BRIDGE_UNAVAILABLE', message: 'Harness connection closed' } });
  }
  pending.clear();
});

const bridge: GmaoBridge = {
  async invoke(channel, input) {
    try {
      await opened;
    } catch {
      return { ok: false, error: { code: 'BRIDGE_UNAVAILABLE', message: 'Harness connection failed' } };
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      socket.send(JSON.stringify({ type: 'invoke', id, channel, input }));
    });
  },
  on(event, listener) {
    const set = listeners.get(event) ?? new Set();
    set.add(listener as (payload: unknown) => void);
    listeners.set(event, set);
    return () => set.delete(listener as (payload: unknown) => void);
  },
};

Object.defineProperty(window, 'gmao', { value: Object.freeze(bridge), writable: false, configurable: false });
