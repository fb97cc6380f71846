/**
 * The Content-Security-Policy of the app's page, the same in Electron (a meta tag written
 * into index.html at build time) and in the web bridge (an HTTP header). No inline script,
 * no remote origin, no eval; `wasm-unsafe-eval` and `blob:` workers are what pdf.js needs.
 */

/**
 * The SHA-256 of the review report's style sheet (shared/report/report-html.ts, REPORT_STYLE):
 * the report preview is a sandboxed `srcdoc` frame, which inherits this policy, and this one
 * `<style>` is all the inline style it may apply. test/shared/report/report-style-hash.test.ts
 * fails when the style sheet changes without this.
 */
export const REPORT_STYLE_HASH = 'sha256-4q90fwQoIAalLbQFpSNIKdagHN0VmljJKcyPWUlRYqM=';

const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  `style-src 'self' '${REPORT_STYLE_HASH}'`,
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
