// Preload (imports electron; sandboxed). Exposes exactly two functions, and only for the contract's
// channels and events. The renderer gets no ipcRenderer, no Node, no event objects.
import { contextBridge, ipcRenderer } from 'electron';
import type { GmaoBridge } from '../../shared/bridge';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../shared/contract';

const channels = new Set<string>(CHANNEL_NAMES);
const events = new Set<string>(EVENT_NAMES);

const bridge: GmaoBridge = {
  invoke(channel, input) {
    if (!channels.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'No such channel' } });
    }
    return ipcRenderer.invoke(channel, input);
  },
  on(event, listener) {
    if (!events.has(event)) return () => undefined;
    const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('gmao', bridge);
