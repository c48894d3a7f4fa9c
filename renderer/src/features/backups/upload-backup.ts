// Renderer (browser harness only). Sends a file the user picked to the one-time upload address main gave,
// where the core checks it and adds it to the list. In Electron, main's own open dialog does this instead.
import type { BackupInfo, IpcResult } from '../../../../shared/contract';

export async function uploadBackup(url: string, file: File): Promise<IpcResult<BackupInfo>> {
  try {
    const response = await window.fetch(url, { method: 'POST', body: file, headers: { 'Content-Type': 'application/octet-stream' } });
    if (!response.ok) return { ok: false, error: { code: 'NOT_FOUND', message: `Upload refused (${response.status})` } };
    return (await response.json()) as IpcResult<BackupInfo>;
  } catch {
    return { ok: false, error: { code: 'BRIDGE_UNAVAILABLE', message: 'Upload failed' } };
  }
}

/** Asks the browser to save the file behind `url` (a one-time download address from main). */
export function startDownload(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}
