// Pure (Node). What a file is, decided from its first bytes (a photo renamed .pdf, or an .exe renamed .jpg, is
// judged by what it is), and a file name made safe to store and to offer back for saving on any PC.
import type { AttachmentType } from '../../../shared/attachments/contract';

const EXTENSIONS: Record<AttachmentType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' };

const startsWith = (bytes: Uint8Array, prefix: readonly number[], offset = 0) => prefix.every((byte, i) => bytes[offset + i] === byte);

/** JPEG, PNG, WebP or PDF by their signatures; null for anything else. */
export function sniffType(bytes: Uint8Array): AttachmentType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // RIFF....WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  return null;
}

/**
 * The name without any folder part, control or reserved characters (Windows' too), bounded, never empty, and
 * ending with the extension of the type the bytes showed ("photo.pdf" holding a JPEG becomes "photo.pdf.jpg").
 */
export function sanitizeFileName(name: string, type: AttachmentType): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  let clean = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const extension = EXTENSIONS[type];
  const matches = type === 'image/jpeg' ? /\.jpe?g$/i.test(clean) : clean.toLowerCase().endsWith(`.${extension}`);
  if (clean === '') clean = 'piece-jointe';
  if (!matches) clean = `${clean.replace(/[. ]+$/, '') || 'piece-jointe'}.${extension}`;
  if (clean.length > 120) {
    const suffix = clean.slice(clean.lastIndexOf('.'));
    clean = clean.slice(0, 120 - suffix.length) + suffix;
  }
  return clean;
}

/** Base64 strictly (no stray characters, proper padding): anything else is not a file we were sent. */
export function decodeBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  return new Uint8Array(Buffer.from(text, 'base64'));
}
