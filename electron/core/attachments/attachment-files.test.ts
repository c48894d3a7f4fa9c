// Node (tests). The file's type from its bytes and the safe name, in plain code (no database).
import { describe, expect, it } from 'vitest';
import { decodeBase64, sanitizeFileName, sniffType } from './attachment-files';
import { mayAccess } from './attachments-access';

describe('sniffType', () => {
  it('knows JPEG, PNG, WebP and PDF by their signatures, nothing else', () => {
    expect(sniffType(Uint8Array.from([0xff, 0xd8, 0xff, 0xdb]))).toBe('image/jpeg');
    expect(sniffType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffType(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toBe('image/webp');
    expect(sniffType(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WAVEfmt '))).toBeNull();
    expect(sniffType(new TextEncoder().encode('%PDF-1.4'))).toBe('application/pdf');
    expect(sniffType(new TextEncoder().encode('GIF89a'))).toBeNull();
    expect(sniffType(Uint8Array.from([0x89, 0x50, 0x4e]))).toBeNull();
    expect(sniffType(new Uint8Array())).toBeNull();
  });
});

describe('sanitizeFileName', () => {
  it('keeps a good name, accents included', () => {
    expect(sanitizeFileName('Pompe à vide — plaque.JPG', 'image/jpeg')).toBe('Pompe à vide — plaque.JPG');
    expect(sanitizeFileName('photo.jpeg', 'image/jpeg')).toBe('photo.jpeg');
  });
  it('drops folders, reserved and control characters, leading dots; adds the real extension', () => {
    expect(sanitizeFileName('C:\\Users\\x\\a:b*c?.pdf', 'application/pdf')).toBe('a_b_c_.pdf');
    expect(sanitizeFileName('.htaccess', 'image/png')).toBe('htaccess.png');
    expect(sanitizeFileName('rapport\u0000\n.pdf', 'application/pdf')).toBe('rapport__.pdf');
    expect(sanitizeFileName('', 'image/webp')).toBe('piece-jointe.webp');
    expect(sanitizeFileName('...', 'image/webp')).toBe('piece-jointe.webp');
  });
  it('bounds the length, keeping the extension', () => {
    const name = sanitizeFileName(`${'a'.repeat(300)}.pdf`, 'application/pdf');
    expect(name).toHaveLength(120);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});

describe('decodeBase64', () => {
  it('decodes proper base64 only', () => {
    expect(Array.from(decodeBase64('AAEC')!)).toEqual([0, 1, 2]);
    expect(decodeBase64('AAE')).toBeNull();
    expect(decodeBase64('AA E')).toBeNull();
    expect(decodeBase64('A===')).toBeNull();
  });
});

describe('mayAccess', () => {
  const manager = { userId: 1, role: 'maintenance_manager' as const };
  const tech = { userId: 2, role: 'technician' as const };
  const requester = { userId: 3, role: 'requester' as const };
  it('equipment: all read, managers write', () => {
    expect(['read', 'add', 'delete'].map((op) => mayAccess(op as 'read', { kind: 'equipment' }, requester))).toEqual([true, false, false]);
    expect(['read', 'add', 'delete'].map((op) => mayAccess(op as 'read', { kind: 'equipment' }, manager))).toEqual([true, true, true]);
  });
  it('work order: the assigned technician adds', () => {
    expect(mayAccess('add', { kind: 'work_order', assigneeIds: [2] }, tech)).toBe(true);
    expect(mayAccess('add', { kind: 'work_order', assigneeIds: [5] }, tech)).toBe(false);
    expect(mayAccess('delete', { kind: 'work_order', assigneeIds: [2] }, tech)).toBe(false);
    expect(mayAccess('read', { kind: 'work_order', assigneeIds: [] }, requester)).toBe(false);
  });
  it('request: the reporter reads and adds, never an anonymous DI', () => {
    expect(mayAccess('add', { kind: 'request', reporterUserId: 3 }, requester)).toBe(true);
    expect(mayAccess('read', { kind: 'request', reporterUserId: 4 }, requester)).toBe(false);
    expect(mayAccess('read', { kind: 'request', reporterUserId: null }, tech)).toBe(true);
    expect(mayAccess('add', { kind: 'request', reporterUserId: null }, tech)).toBe(false);
  });
});
