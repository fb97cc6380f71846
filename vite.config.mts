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

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
