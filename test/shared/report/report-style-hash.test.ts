/**
 * The in-app report preview is a `srcdoc` frame under the page's Content-Security-Policy, which
 * allows the report's one `<style>` by its hash: the hash must be the style sheet's, or the
 * preview shows the report unstyled.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { REPORT_STYLE } from '../../../shared/report/report-html';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META, REPORT_STYLE_HASH } from '../../../shared/security/csp';

describe('the report style sheet and the CSP', () => {
  it('allows exactly the report style sheet', () => {
    const hash = `sha256-${createHash('sha256').update(REPORT_STYLE, 'utf8').digest('base64')}`;
    expect(REPORT_STYLE_HASH).toBe(hash);
    for (const policy of [CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META]) {
      expect(policy).toContain(`style-src 'self' '${hash}';`);
      expect(policy).not.toContain('unsafe-inline');
    }
  });

});
