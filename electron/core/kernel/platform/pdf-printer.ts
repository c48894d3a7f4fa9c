// Pure (Node). Turns one self-contained HTML page (inline CSS and images, no script) into an A4 PDF: the OT sheet,
// the QR label sheet. Electron's main prints it with webContents.printToPDF (electron/main/electron-pdf-printer.ts);
// the harness and the tests print the very same HTML with Chromium (tests/harness/chromium-pdf-printer.ts).
export interface PdfPrinter {
  print(html: string): Promise<Uint8Array>;
}
