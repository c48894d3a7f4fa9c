// Main (imports electron). Registers every contract channel on ipcMain, all through the one dispatcher.
// The sender is identified by its webContents (never by anything the renderer says) and its frame URL.
import { ipcMain, webContents, type IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES } from '../../shared/contract';
import type { EventName, EventPayloads } from '../../shared/contract';
import type { Dispatcher } from '../core/kernel/ipc/dispatcher';
import { ipcSenderUrl } from '../core/kernel/ipc/sender-url';
import type { EventSink } from '../core/kernel/sessions/session-registry';

export function registerIpc(dispatcher: Dispatcher, isOwnWindow: (contentsId: number) => boolean): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown) => {
      // Only our window's top frame: a sub-frame or another web contents gets an empty URL, which the dispatcher refuses.
      const frame = event.senderFrame;
      const url = ipcSenderUrl(frame ? { url: frame.url, isTopFrame: frame.parent === null } : null, isOwnWindow(event.sender.id));
      return dispatcher.dispatch({ windowId: String(event.sender.id), url }, channel, input);
    });
  }
}

export const electronEventSink: EventSink = {
  send<E extends EventName>(windowId: string, event: E, payload: EventPayloads[E]) {
    const contents = webContents.fromId(Number(windowId));
    if (contents && !contents.isDestroyed()) contents.send(event, payload);
  },
};
