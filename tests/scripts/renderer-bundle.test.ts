// Node (vitest). Issue 15: the renderer's initial bundle (what a shop-floor PC loads before the login screen) stays
// ≤ 250 KB gzipped; pages and chart.js load on first visit (routes.tsx's lazyRouteComponent, the indicators'
// dynamic import). Reads the build `npm test` makes first (`npm run build`); skipped when there is none.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/repo-paths';

const dist = path.join(REPO_ROOT, 'dist/renderer');
const built = fs.existsSync(path.join(dist, 'index.html'));

describe('renderer bundle', () => {
  it.skipIf(!built)('the entry script and what it imports up front weigh at most 250 KB gzipped, chart.js not among them', () => {
    const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    // The entry module, plus the chunks Vite preloads with it (modulepreload): what the first screen waits for.
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    let gzipped = 0;
    for (const src of scripts) {
      const file = path.join(dist, src.replace(/^\.?\//, ''));
      const code = fs.readFileSync(file);
      expect(code.toString('utf8')).not.toContain('Chart.js v');
      gzipped += zlib.gzipSync(code, { level: 9 }).length;
    }
    expect(gzipped).toBeLessThanOrEqual(250 * 1024);
  });
});
