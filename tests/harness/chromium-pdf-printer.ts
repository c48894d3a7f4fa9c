// Node (harness and tests). The PdfPrinter of the browser harness: the same HTML main prints in Electron, printed
// by headless Chromium (Debian's, see tests/e2e/browser.ts). One browser, started on first use, reused after.
import { chromium, type Browser } from 'playwright-core';
import type { PdfPrinter } from '../../electron/core/kernel/platform/pdf-printer';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser';

export function createChromiumPdfPrinter(): PdfPrinter & { close(): Promise<void> } {
  let browser: Promise<Browser> | null = null;
  return {
    async print(html) {
      browser ??= chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS, headless: true });
      const context = await (await browser).newContext({ javaScriptEnabled: false, offline: true });
      try {
        const page = await context.newPage();
        await page.setContent(html, { waitUntil: 'load' });
        return new Uint8Array(await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
      } finally {
        await context.close();
      }
    },
    async close() {
      if (browser) await (await browser).close();
      browser = null;
    },
  };
}
