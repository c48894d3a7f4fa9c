import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLIPBOARD_CLEAR_DELAY_MS, createClipboardGuard } from './clipboard-guard';

/** A clipboard that may refuse reads (permission denied), hang on them (unanswered prompt) or refuse writes. */
function fakeClipboard() {
  const state = { text: 'avant', read: 'allowed' as 'allowed' | 'denied' | 'hangs', writable: true, writes: [] as string[] };
  return {
    state,
    port: {
      readText: () =>
        state.read === 'allowed' ? Promise.resolve(state.text) : state.read === 'denied' ? Promise.reject(new Error('NotAllowedError')) : new Promise<string>(() => undefined),
      writeText: (text: string) => {
        if (!state.writable) return Promise.reject(new Error('Document is not focused'));
        state.text = text;
        state.writes.push(text);
        return Promise.resolve();
      },
    },
  };
}

function setup(options: { focused?: boolean } = {}) {
  const clipboard = fakeClipboard();
  const focus = { has: options.focused ?? true, listeners: new Set<() => void>() };
  const guard = createClipboardGuard({
    clipboard: clipboard.port,
    hasFocus: () => focus.has,
    onFocus: (listener) => {
      focus.listeners.add(listener);
      return () => focus.listeners.delete(listener);
    },
    setTimer: (callback, ms) => setTimeout(callback, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  });
  const regainFocus = async () => {
    focus.has = true;
    for (const listener of [...focus.listeners]) listener();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { guard, clipboard: clipboard.state, focus, regainFocus };
}

describe('clipboard guard for a temporary password', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('clears the clipboard 60 s after the copy, not before, when it still holds the password', async () => {
    const { guard, clipboard } = setup();
    expect(await guard.copy('Rivet-Lune-4821')).toBe(true);
    expect(clipboard.text).toBe('Rivet-Lune-4821');
    await vi.advanceTimersByTimeAsync(CLIPBOARD_CLEAR_DELAY_MS - 1);
    expect(clipboard.text).toBe('Rivet-Lune-4821');
    await vi.advanceTimersByTimeAsync(1);
    expect(clipboard.text).toBe('');
    expect(guard.isPending()).toBe(false);
  });

  it('leaves the clipboard alone when something else was copied since', async () => {
    const { guard, clipboard } = setup();
    await guard.copy('Rivet-Lune-4821');
    clipboard.text = 'référence pièce 42-A';
    await vi.advanceTimersByTimeAsync(CLIPBOARD_CLEAR_DELAY_MS);
    expect(clipboard.text).toBe('référence pièce 42-A');
    expect(clipboard.writes).toEqual(['Rivet-Lune-4821']);
  });

  it('cannot read (permission refused) but has focus: clears anyway', async () => {
    const { guard, clipboard } = setup();
    clipboard.read = 'denied';
    await guard.copy('Rivet-Lune-4821');
    await vi.advanceTimersByTimeAsync(CLIPBOARD_CLEAR_DELAY_MS);
    expect(clipboard.text).toBe('');
  });

  it('a read that never answers (unanswered prompt) counts as refused after a second', async () => {
    const { guard, clipboard } = setup();
    clipboard.read = 'hangs';
    await guard.copy('Rivet-Lune-4821');
    await vi.advanceTimersByTimeAsync(CLIPBOARD_CLEAR_DELAY_MS + 999);
    expect(clipboard.text).toBe('Rivet-Lune-4821');
    await vi.advanceTimersByTimeAsync(1);
    expect(clipboard.text).toBe('');
  });

  it('cannot read and the window lost focus: waits for focus, then clears', async () => {
    const { guard, clipboard, focus, regainFocus } = setup();
    clipboard.read = 'denied';
    await guard.copy('Rivet-Lune-4821');
    focus.has = false;
    clipboard.writable = false; // Chromium refuses writes from an unfocused page.
    await vi.advanceTimersByTimeAsync(CLIPBOARD_CLEAR_DELAY_MS);
    expect(clipboard.text).toBe('Rivet-Lune-4821');
    expect(guard.isPending()).toBe(true);
    clipboard.writable = true;
    await regainFocus();
    expect(clipboard.text).toBe('');
    expect(guard.isPending()).toBe(false);
    expect(focus.listeners.size).toBe(0);
  });

  it('a refused clearing write is retried at the next focus', async () => {
    const { guard, clipboard, regainFocus } = setup();
    await guard.copy('Rivet-Lune-4821');
    clipboard.writable = false;
    await vi.advanceTimersByTimeAsync(CLIPBOARD_CLEAR_DELAY_MS);
    expect(clipboard.text).toBe('Rivet-Lune-4821');
    clipboard.writable = true;
    await regainFocus();
    expect(clipboard.text).toBe('');
  });

  it('the session ends: clears at once and the timer no longer fires', async () => {
    const { guard, clipboard } = setup();
    await guard.copy('Rivet-Lune-4821');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await guard.clearNow()).toBe('cleared');
    expect(clipboard.text).toBe('');
    clipboard.text = 'plus tard';
    await vi.advanceTimersByTimeAsync(CLIPBOARD_CLEAR_DELAY_MS);
    expect(clipboard.text).toBe('plus tard');
    expect(await guard.clearNow()).toBe('nothing');
  });

  it('a second copy restarts the delay for the new password', async () => {
    const { guard, clipboard } = setup();
    await guard.copy('Premier-Mot-1');
    await vi.advanceTimersByTimeAsync(40_000);
    await guard.copy('Second-Mot-2');
    await vi.advanceTimersByTimeAsync(40_000);
    expect(clipboard.text).toBe('Second-Mot-2');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(clipboard.text).toBe('');
  });

  it('a refused copy says so and schedules nothing', async () => {
    const { guard, clipboard } = setup();
    clipboard.writable = false;
    expect(await guard.copy('Rivet-Lune-4821')).toBe(false);
    expect(guard.isPending()).toBe(false);
    expect(clipboard.text).toBe('avant');
  });
});
