// Renderer. Hands a file built by main to the user: a Blob behind a temporary link with `download`.
// A same-origin `download` link goes to Chromium's download manager, not through navigation, so the
// will-navigate guard of electron/main is not involved; Electron's default handling then asks where to save.
export function downloadTextFile(fileName: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
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
