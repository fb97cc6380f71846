/**
 * The Content-Security-Policy of the app's page, the same in Electron (a meta tag written
 * into index.html at build time) and in the web bridge (an HTTP header). No inline script,
 * no remote origin, no eval; `wasm-unsafe-eval` and `blob:` workers are what pdf.js needs.
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** For the meta tag: browsers ignore (and warn about) `frame-ancestors` there. */
export const CONTENT_SECURITY_POLICY_META = DIRECTIVES.join('; ');

/** For the HTTP header of the web bridge: the same policy, and no framing by other pages. */
export const CONTENT_SECURITY_POLICY = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');
