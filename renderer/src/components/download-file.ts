// Renderer. Hands a file built by main to the user (a CSV export, an OT sheet, a label sheet, a pièce jointe): a
// Blob behind a temporary link with `download`. A same-origin `download` link goes to Chromium's download manager,
// not through navigation, so the will-navigate guard of electron/main is not involved; Electron's default handling
// then asks where to save.
function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has taken its copy by then; the Blob need not stay in memory.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function downloadTextFile(fileName: string, content: string, type: string): void {
  downloadBlob(fileName, new Blob([content], { type }));
}

/** Files main answers as base64 (IPC carries text). */
export function downloadBase64(fileName: string, base64: string, type: string): void {
  downloadBlob(fileName, new Blob([Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))], { type }));
}
