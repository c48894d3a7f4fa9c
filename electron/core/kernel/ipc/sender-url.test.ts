import { describe, expect, it } from 'vitest';
import { TEST_ORIGIN, createTestCore } from '../../../../tests/support/test-core';
import { ipcSenderUrl } from './sender-url';

describe('IPC sender (Electron)', () => {
  it('passes the URL of our window top frame only', () => {
    expect(ipcSenderUrl({ url: 'app://gmao/index.html', isTopFrame: true }, true)).toBe('app://gmao/index.html');
    expect(ipcSenderUrl({ url: 'app://gmao/index.html', isTopFrame: false }, true)).toBe('');
    expect(ipcSenderUrl({ url: 'app://gmao/index.html', isTopFrame: true }, false)).toBe('');
    expect(ipcSenderUrl(null, true)).toBe('');
  });

  it('a call from a foreign frame is refused by the dispatcher before any handler runs', async () => {
    const core = await createTestCore();
    try {
      const url = ipcSenderUrl({ url: `${TEST_ORIGIN}/index.html`, isTopFrame: false }, true);
      expect(await core.dispatcher.dispatch({ windowId: '1', url }, 'app:getState', undefined)).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
      const top = ipcSenderUrl({ url: `${TEST_ORIGIN}/index.html`, isTopFrame: true }, true);
      expect((await core.dispatcher.dispatch({ windowId: '1', url: top }, 'app:getState', undefined)).ok).toBe(true);
    } finally {
      await core.dispose();
    }
  });
});
