// Node (tests). Which Chromium to drive: Debian's when present (our machines can't download Playwright's),
// Playwright's own otherwise, and a clear hint when there is neither.
import fs from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function chromiumExecutable(): string | undefined {
  if (fs.existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  let bundled = '';
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = '';
  }
  if (bundled && fs.existsSync(bundled)) return undefined; // Playwright finds its own.
  throw new Error(
    'No Chromium found. Install it with "apt-get install -y chromium" (Debian/Ubuntu) or "npx playwright install chromium".',
  );
}
