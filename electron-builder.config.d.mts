// Types of electron-builder.config.mjs, for the TypeScript tests that load it.
import type { Configuration } from 'electron-builder';

declare const config: Configuration;
export default config;
