// End-to-end fixtures with a real SMTP server on loopback (STARTTLS + AUTH, self-signed certificate) and a harness
// that trusts it, as a real client trusts a real CA. Short timeouts so a refused login shows quickly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHarness, type Harness } from '../harness/harness-server';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';
import { test as base } from './fixtures';

export const test = base.extend<{ smtp: SmtpTestServer; harness: Harness }>({
  // eslint-disable-next-line no-empty-pattern
  smtp: async ({}, use) => {
    const smtp = await startSmtpTestServer();
    await use(smtp);
    await smtp.close();
  },
  harness: async ({ smtp }, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-e2e-mail-'));
    const harness = await startHarness({ dataDir, smtp: { trustedCertificates: [smtp.certificate], greetingTimeoutMs: 3000, connectionTimeoutMs: 3000 } });
    await use(harness);
    await harness.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});
