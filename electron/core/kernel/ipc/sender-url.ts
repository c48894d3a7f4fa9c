// Pure. Which URL the dispatcher is told for an Electron IPC call: the frame's URL only when the call comes
// from the top frame of our own window. A sub-frame (an <iframe>, even of our origin) or any other web
// contents gets "", which isTrustedUrl refuses: IPC from a foreign frame never reaches a handler.
export function ipcSenderUrl(frame: { url: string; isTopFrame: boolean } | null, fromOwnWindow: boolean): string {
  return frame !== null && frame.isTopFrame && fromOwnWindow ? frame.url : '';
}
