// What the browser enforces for us: the CSP (as a header and as a meta tag) blocks inline script and eval.
import { expect, test } from './fixtures';

test('the renderer runs under a strict CSP: no inline script, no data: script, no string eval', async ({ page, harness }) => {
  const response = await page.goto(harness.url);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', /default-src 'none'/);
  await expect(page.getByRole('heading', { name: 'Première mise en service' })).toBeVisible();

  // Code evaluated through the DevTools protocol is exempt from CSP, so probe with what a page itself would run:
  // an inline script, a data: script and a string timer (eval in disguise). Each must be blocked and reported.
  const outcome = await page.evaluate(async () => {
    const w = window as unknown as Record<string, boolean | undefined>;
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective));
    const inline = document.createElement('script');
    inline.textContent = 'window.viaInline = true';
    document.head.appendChild(inline);
    const data = document.createElement('script');
    data.src = 'data:text/javascript,window.viaData=true';
    document.head.appendChild(data);
    (setTimeout as unknown as (code: string, ms: number) => void)('window.viaString = true', 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { ran: [w.viaInline, w.viaData, w.viaString].some(Boolean), violations: violations.length };
  });
  // Each of the three is reported twice: by the header's policy and by the meta tag's.
  expect(outcome).toEqual({ ran: false, violations: 6 });
});

test('the bridge exposes invoke and on only, frozen', async ({ page, harness }) => {
  await page.goto(harness.url);
  const shape = await page.evaluate(() => ({
    keys: Object.keys(window.gmao ?? {}).sort(),
    frozen: Object.isFrozen(window.gmao),
  }));
  expect(shape).toEqual({ keys: ['invoke', 'on'], frozen: true });
  const unknown = await page.evaluate(() => window.gmao!.invoke('users:dropAll', {}));
  expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
});
