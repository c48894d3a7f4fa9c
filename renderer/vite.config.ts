// Build config of the renderer. Output goes to dist/renderer, served by app:// in Electron and by the harness.
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { buildContentSecurityPolicy } from '../electron/core/kernel/security/content-security-policy.ts';

/**
 * The same CSP as the response header, also as a <meta> tag: it still holds if the page is ever loaded
 * without our headers. 'self' covers the harness's same-origin WebSocket in Chromium (CSP level 3).
 */
function cspMetaTag(): Plugin {
  const policy = buildContentSecurityPolicy({ forMetaTag: true });
  return {
    name: 'gmao-csp-meta',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react(), cspMetaTag()],
  build: {
    outDir: path.resolve(import.meta.dirname, '../dist/renderer'),
    emptyOutDir: true,
    // No inline scripts or data: modules: the CSP allows 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'chrome120',
    // The strength meter's dictionaries (about 2.3 MB, 1.1 MB gzipped) are one lazy chunk on purpose, loaded
    // only by new-password forms, never by the login screen: the size warning would be noise.
    chunkSizeWarningLimit: 2_500,
  },
});
