// Pure (Node). The photo of a public DI: decoded from base64, bounded, and its type read from its first bytes
// (never from the name or a declared type): only JPEG, PNG and WebP are kept, under a name main makes up.
import { PHOTO_MAX_BYTES } from '../../../shared/requests/contract';
import { AppError } from '../kernel/platform/app-error';

export interface DecodedPhoto {
  fileName: string;
  mimeType: 'image/jpeg' | 'image/png' | 'image/webp';
  content: Uint8Array;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const EXTENSION = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;

export function sniffImageType(bytes: Uint8Array): DecodedPhoto['mimeType'] | null {
  const at = (i: number) => bytes[i];
  if (bytes.length >= 3 && at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => at(i) === b)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

const invalid = (code: string) => new AppError('VALIDATION_FAILED', 'The photo was refused', [{ path: 'photo', code }]);

/** Throws VALIDATION_FAILED on `photo` (validation.photoTooLarge / validation.photoInvalid). */
export function decodePhoto(photo: { fileName: string; dataBase64: string }): DecodedPhoto {
  const text = photo.dataBase64.replace(/\s+/g, '');
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64.test(text)) throw invalid('validation.photoInvalid');
  const content = new Uint8Array(Buffer.from(text, 'base64'));
  if (content.byteLength > PHOTO_MAX_BYTES) throw invalid('validation.photoTooLarge');
  const mimeType = sniffImageType(content);
  if (!mimeType) throw invalid('validation.photoInvalid');
  // The name only helps whoever downloads it later: its base, printable, short, with the extension of what it is.
  const base = (photo.fileName.split(/[\\/]/).pop() ?? '')
    .replace(/\.[^.]*$/, '')
    .replace(/[^\p{L}\p{N} ._-]/gu, '')
    .trim()
    .slice(0, 80);
  return { fileName: `${base || 'photo'}.${EXTENSION[mimeType]}`, mimeType, content };
}
