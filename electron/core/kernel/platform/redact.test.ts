// Node (tests). The registry behind protectSecret stays bounded in a long-running main: values expire, a named slot
// holds one value (a new SMTP password forgets the old one), and past MAX_PROTECTED the oldest anonymous value
// is forgotten first, never a slot (a flood of public reset requests can't push the SMTP password out).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { forgetSecret, MASK, MAX_PROTECTED, protectedSecretCount, protectSecret, redactText } from './redact';

afterEach(() => {
  vi.useRealTimers();
});

const masked = (value: string) => !redactText(`avant ${value} après`).includes(value);

describe('protectSecret registry', () => {
  it('masks a value until its lifetime ends, then forgets it; protecting it again extends it', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 0, 1, 8));
    protectSecret('clé à molette 17', { lifetimeMs: 60_000 });
    expect(redactText('echo clé à molette 17')).toBe(`echo ${MASK}`);
    vi.setSystemTime(Date.UTC(2026, 0, 1, 8, 0, 59));
    protectSecret('clé à molette 17', { lifetimeMs: 60_000 });
    vi.setSystemTime(Date.UTC(2026, 0, 1, 8, 1, 30));
    expect(masked('clé à molette 17')).toBe(true);
    vi.setSystemTime(Date.UTC(2026, 0, 1, 8, 2, 0));
    expect(masked('clé à molette 17')).toBe(false);
    expect(protectedSecretCount()).toBe(0);
  });

  it('keeps at most MAX_PROTECTED anonymous values, forgetting the oldest, never a slot', () => {
    protectSecret('mot-de-passe-smtp-1', { slot: 'smtp.password' });
    for (let i = 0; i < MAX_PROTECTED + 50; i++) protectSecret(`code-${String(i).padStart(5, '0')}`);
    expect(protectedSecretCount()).toBe(MAX_PROTECTED + 1);
    expect(masked('code-00000')).toBe(false);
    expect(masked('code-00049')).toBe(false);
    expect(masked('code-00050')).toBe(true);
    expect(masked(`code-${String(MAX_PROTECTED + 49).padStart(5, '0')}`)).toBe(true);
    expect(masked('mot-de-passe-smtp-1')).toBe(true);
  });

  it('a slot holds one value: the new password replaces the old; forgetSecret drops a value or a slot', () => {
    protectSecret('ancien-passe-1', { slot: 'smtp.password' });
    protectSecret('nouveau-passe-2', { slot: 'smtp.password' });
    expect(masked('ancien-passe-1')).toBe(false);
    expect(masked('nouveau-passe-2')).toBe(true);
    forgetSecret({ slot: 'smtp.password' });
    expect(masked('nouveau-passe-2')).toBe(false);
    protectSecret('jeton-unique-3');
    forgetSecret({ value: 'jeton-unique-3' });
    expect(masked('jeton-unique-3')).toBe(false);
  });

  it('masks the longest value whole when one contains another, and ignores values too short to be secrets', () => {
    protectSecret('ABCDEFGH');
    protectSecret('ABCDEFGH-JKMN');
    expect(redactText('code ABCDEFGH-JKMN.')).toBe(`code ${MASK}.`);
    protectSecret('1234');
    expect(redactText('le 1234')).toBe('le 1234');
  });
});
