// Generating and comparing reference codes.
import { describe, expect, it } from 'vitest';
import { normalizeReferenceCode } from '../../../shared/approval/reference-code';
import { findMatching, generateCheckNumber, generateReferenceCode, hashesMatch, hashReferenceCode } from './reference-code';

describe('reference code generation', () => {
  it('draws 12 symbols of the alphabet (60 bits), every symbol in use, no repeats in 2 000 draws', () => {
    const codes = Array.from({ length: 2000 }, generateReferenceCode);
    expect(codes.every((code) => normalizeReferenceCode(code) === code)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(codes.join('')).size).toBe(32);
  });

  it('makes 4-digit check numbers', () => {
    expect(Array.from({ length: 200 }, generateCheckNumber).every((n) => /^\d{4}$/.test(n))).toBe(true);
  });

  it('stores a SHA-256 and compares it exactly', () => {
    const hash = hashReferenceCode('7KQ3M9XD2HRT');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashesMatch(hashReferenceCode('7KQ3M9XD2HRT'), hash)).toBe(true);
    expect(hashesMatch(hashReferenceCode('7KQ3M9XD2HRV'), hash)).toBe(false);
    expect(hashesMatch('', hash)).toBe(false);
    const items = [{ id: 1, codeHash: hashReferenceCode('A') }, { id: 2, codeHash: hash }];
    expect(findMatching(hash, items)?.id).toBe(2);
    expect(findMatching(hashReferenceCode('B'), items)).toBeNull();
    expect(findMatching(hash, [])).toBeNull();
  });
});
