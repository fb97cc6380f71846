import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY_META } from './shared/security/csp';

/** Writes the app's CSP into index.html, so Electron (file://) enforces the same policy as the web bridge's header. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'realist-csp',
    transformIndexHtml: (html) => html.replace('%REALIST_CSP%', CONTENT_SECURITY_POLICY_META),
  };
}

/**
 * Copies the data pdf.js loads at run time (standard fonts for PDFs that do not embed them,
 * CMaps for CJK text, ICC profiles and the wasm image decoders) beside the built page, so the
 * reader never needs the network and the CSP can stay 'self'.
 */
function pdfjsAssets(): Plugin {
  return {
    name: 'realist-pdfjs-assets',
    apply: 'build',
    closeBundle() {
      const from = path.resolve('node_modules/pdfjs-dist');
      for (const dir of ['standard_fonts', 'cmaps', 'iccs', 'wasm']) {
        fs.cpSync(path.join(from, dir), path.resolve('dist/pdfjs', dir), { recursive: true });
      }
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), contentSecurityPolicy(), pdfjsAssets()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    // No source maps ship: the app's sources are not a download away from whoever gets the package.
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
});
