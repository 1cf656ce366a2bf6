/** Builds the browser-vs-CLI parity page with the app's own Vite config (model/WASM assets, isolation headers). */
import { mergeConfig } from 'vite';
import base from '../../vite.config.ts';

export default mergeConfig(base, { root: import.meta.dirname, publicDir: false });
