// Node (build, run by hand: `npm run icons`). Draws the application icon, a gear and a wrench in the app's
// colours, as SVG, rasterises it with Chromium (Debian's, through playwright-core) and writes, committed:
//   build/icon.svg                 the source drawing (also the renderer's favicon)
//   build/icon.png                 1024×1024, for electron-builder
//   build/icons/NxN.png            16…1024, the Linux icon set (AppImage, deb, .desktop)
//   build/icon.ico                 16…256, Windows (exe, installer, shortcuts): BMP entries up to 64 px
//                                  (what older shell code expects), PNG for 128 and 256
// PNG and ICO are encoded here in plain Node (zlib); Chromium only turns the SVG into pixels.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '../..');
const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const COLORS = { primary: '#1f4e79', primaryDark: '#163a5a', accent: '#f6b93b', white: '#ffffff' };

/** The drawing, on a 1024 grid. Small sizes get thicker shapes so that the mark still reads at 16 px. */
export function iconSvg({ small = false } = {}) {
  const gear = gearPath({ cx: 512, cy: 512, outer: small ? 360 : 330, inner: small ? 285 : 265, teeth: 8, hole: small ? 120 : 130 });
  // A wrench across the gear (drawn upright, then turned 45°): a round head with an open jaw, a handle with
  // a hole at its end. The jaw and the hole are cut out with a mask, so the gear shows through them.
  const handle = small ? 130 : 100;
  const wrenchShape = (fill, grow) => `
      <circle cx="512" cy="300" r="${(small ? 165 : 150) + grow}" fill="${fill}"/>
      <rect x="${512 - handle / 2 - grow}" y="300" width="${handle + 2 * grow}" height="${(small ? 600 : 620) + grow}" rx="${handle / 2 + grow}" fill="${fill}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1024 1024" width="1024" height="1024">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="${COLORS.primary}"/>
      <stop offset="1" stop-color="${COLORS.primaryDark}"/>
    </linearGradient>
    <mask id="wrench-cuts" maskUnits="userSpaceOnUse" x="0" y="0" width="1024" height="1024">
      <rect width="1024" height="1024" fill="#fff"/>
      <rect x="${small ? 462 : 470}" y="100" width="${small ? 100 : 84}" height="${small ? 190 : 200}" rx="${small ? 20 : 16}" fill="#000"/>
      ${small ? '' : '<circle cx="512" cy="860" r="26" fill="#000"/>'}
    </mask>
  </defs>
  <rect x="32" y="32" width="960" height="960" rx="${small ? 150 : 200}" fill="url(#bg)"/>
  <path d="${gear}" fill="${COLORS.accent}" fill-rule="evenodd"/>
  <g transform="rotate(45 512 512)" mask="url(#wrench-cuts)">
    ${wrenchShape(COLORS.primaryDark, small ? 26 : 22)}
    ${wrenchShape(COLORS.white, 0)}
  </g>
</svg>
`;
}

/** A gear outline with trapezoid teeth and a round hole (even-odd fill). */
function gearPath({ cx, cy, outer, inner, teeth, hole }) {
  const points = [];
  const step = (Math.PI * 2) / teeth;
  for (let i = 0; i < teeth; i++) {
    const a = i * step - Math.PI / 2;
    // root, flank up, tip, tip, flank down: tooth width ~45 % of the pitch at the tip.
    for (const [angle, radius] of [
      [a - step * 0.5, inner],
      [a - step * 0.3, inner],
      [a - step * 0.2, outer],
      [a + step * 0.2, outer],
      [a + step * 0.3, inner],
    ]) {
      points.push(`${(cx + radius * Math.cos(angle)).toFixed(1)} ${(cy + radius * Math.sin(angle)).toFixed(1)}`);
    }
  }
  const ring = `M${points.join(' L')} Z`;
  const circle = `M${cx + hole} ${cy} a${hole} ${hole} 0 1 0 ${-2 * hole} 0 a${hole} ${hole} 0 1 0 ${2 * hole} 0 Z`;
  return `${ring} ${circle}`;
}

// ---------------------------------------------------------------------------------------------- PNG / ICO

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** RGBA pixels (row-major, top to bottom) → PNG, 8-bit RGBA, no filter. */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** RGBA → the DIB an ICO entry holds: BITMAPINFOHEADER (height doubled), BGRA bottom-up, empty AND mask. */
function encodeIcoBitmap(size, rgba) {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8);
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = ((size - 1 - y) * size + x) * 4;
      pixels[to] = rgba[from + 2];
      pixels[to + 1] = rgba[from + 1];
      pixels[to + 2] = rgba[from];
      pixels[to + 3] = rgba[from + 3];
    }
  }
  const maskRow = Math.ceil(size / 32) * 4;
  return Buffer.concat([header, pixels, Buffer.alloc(maskRow * size)]);
}

/** entries: { size, rgba, png } → .ico (BMP up to 64 px, PNG above). */
export function encodeIco(entries) {
  const images = entries.map((entry) => (entry.size <= 64 ? encodeIcoBitmap(entry.size, entry.rgba) : entry.png));
  const directory = Buffer.alloc(6 + 16 * entries.length);
  directory.writeUInt16LE(0, 0);
  directory.writeUInt16LE(1, 2);
  directory.writeUInt16LE(entries.length, 4);
  let offset = directory.length;
  entries.forEach((entry, index) => {
    const at = 6 + index * 16;
    directory[at] = entry.size >= 256 ? 0 : entry.size;
    directory[at + 1] = entry.size >= 256 ? 0 : entry.size;
    directory.writeUInt16LE(1, at + 4);
    directory.writeUInt16LE(32, at + 6);
    directory.writeUInt32LE(images[index].length, at + 8);
    directory.writeUInt32LE(offset, at + 12);
    offset += images[index].length;
  });
  return Buffer.concat([directory, ...images]);
}

// ---------------------------------------------------------------------------------------------- main

async function rasterise(page, svg, size) {
  const base64 = await page.evaluate(
    async ({ svg, size }) => {
      const image = new Image();
      image.src = `data:image/svg+xml;base64,${btoa(svg)}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = size;
      canvas.height = size;
      const context = canvas.getContext('2d');
      context.imageSmoothingQuality = 'high';
      context.drawImage(image, 0, 0, size, size);
      const data = context.getImageData(0, 0, size, size).data;
      let binary = '';
      for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
      return btoa(binary);
    },
    { svg, size },
  );
  return Buffer.from(base64, 'base64');
}

async function main() {
  const executablePath = fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>icons</title>');
    const svg = iconSvg();
    const smallSvg = iconSvg({ small: true });
    fs.mkdirSync(path.join(root, 'build', 'icons'), { recursive: true });
    fs.writeFileSync(path.join(root, 'build', 'icon.svg'), svg);
    fs.writeFileSync(path.join(root, 'renderer', 'public', 'favicon.svg'), smallSvg);
    const rendered = new Map();
    for (const size of PNG_SIZES) {
      const rgba = await rasterise(page, size <= 48 ? smallSvg : svg, size);
      const png = encodePng(size, size, rgba);
      rendered.set(size, { size, rgba, png });
      fs.writeFileSync(path.join(root, 'build', 'icons', `${size}x${size}.png`), png);
    }
    fs.writeFileSync(path.join(root, 'build', 'icon.png'), rendered.get(1024).png);
    fs.writeFileSync(path.join(root, 'build', 'icon.ico'), encodeIco(ICO_SIZES.map((size) => rendered.get(size))));
    console.log(`build/icon.svg, build/icon.png, build/icon.ico (${ICO_SIZES.join(', ')}), build/icons/ (${PNG_SIZES.join(', ')}), renderer/public/favicon.svg`);
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
