// The reference code's typing rules, shared by main and the renderer.
import { describe, expect, it } from 'vitest';
import { formatReferenceCode, normalizeReferenceCode, REFERENCE_CODE_ALPHABET } from './reference-code';

describe('reference codes', () => {
  it('uses 32 unambiguous symbols: no I, L, O or U', () => {
    expect(new Set(REFERENCE_CODE_ALPHABET).size).toBe(32);
    expect(REFERENCE_CODE_ALPHABET).not.toMatch(/[ILOU]/);
  });

  it('reads what people type: any case, spaces or hyphens, O as 0, I and L as 1', () => {
    expect(normalizeReferenceCode('7kq3-m9xd-2hrt')).toBe('7KQ3M9XD2HRT');
    expect(normalizeReferenceCode(' 7KQ3 M9XD 2HRT ')).toBe('7KQ3M9XD2HRT');
    expect(normalizeReferenceCode('O1LI-AAAA-BBBB')).toBe('0111AAAABBBB');
  });

  it('refuses anything that cannot be a code', () => {
    expect(normalizeReferenceCode('7KQ3-M9XD')).toBeNull();
    expect(normalizeReferenceCode('7KQ3-M9XD-2HRTX')).toBeNull();
    expect(normalizeReferenceCode('UUUU-AAAA-BBBB')).toBeNull();
    expect(normalizeReferenceCode('')).toBeNull();
  });

  it('shows 3 groups of 4', () => {
    expect(formatReferenceCode('7KQ3M9XD2HRT')).toBe('7KQ3-M9XD-2HRT');
  });
});
