// Electron main. The app's PdfPrinter: the HTML is loaded in a hidden, script-less, sandboxed window that can reach
// nothing (a data: URL, every request refused) and printed by Chromium's own printToPDF, A4.
import { BrowserWindow } from 'electron';
import type { PdfPrinter } from '../core/kernel/platform/pdf-printer';

export function createElectronPdfPrinter(): PdfPrinter {
  return {
    async print(html) {
      const window = new BrowserWindow({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, disableBlinkFeatures: 'Auxclick' } });
      try {
        // Everything the sheet needs is inline; any other request (a stray link, an image URL) is refused.
        window.webContents.session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('data:') }));
        await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
        const pdf = await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
        return new Uint8Array(pdf);
      } finally {
        window.destroy();
      }
    },
  };
}
