/**
 * `report:preview` refuses a report larger than MAX_REPORT_PREVIEW_BYTES with TOO_LARGE and
 * words that say what to do instead (the report's builder is replaced by one that returns a
 * page one byte over the limit: building a real 64 MB report would take minutes).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { MAX_REPORT_PREVIEW_BYTES } from '../../../shared/api/calls/report';
import { createApiService } from '../../../electron/services/api-service';

vi.mock('../../../electron/services/report/report-export', () => ({
  REPORT_MIME: { html: 'text/html; charset=utf-8', docx: 'application/octet-stream' },
  buildReport: async () => ({
    data: Buffer.alloc(MAX_REPORT_PREVIEW_BYTES + 1, 0x20),
    flow: { identified: 0, duplicatesRemoved: 0, screened: 0, included: 0, excluded: 0, maybe: 0, unscreened: 0, fullTexts: 0, otherDocuments: 0, documentsInSynthesis: 0 },
    counts: { documents: 0, cmocs: 0, theoryVersions: 0, agreementFigures: 0 },
    cmocLayer: 'all',
  }),
}));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realist-preview-limit-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('report:preview size limit', () => {
  it('refuses a report over 64 MB, saying to export it instead', async () => {
    expect(MAX_REPORT_PREVIEW_BYTES).toBe(64 * 1024 * 1024);
    const api = createApiService({ transport: 'web', configDir: path.join(dir, 'config'), projectsDir: dir, appVersion: '0.0.0-test' });
    try {
      await api.call('project:create', { path: path.join(dir, 'p.realist') });
      const r = await api.dispatch('report:preview', {}, { transport: 'web' });
      expect(r).toEqual({
        ok: false,
        error: { code: 'TOO_LARGE', message: 'The report is 64.0 MB, more than the 64 MB the window previews; export it as HTML or DOCX and open the file instead.' },
      });
    } finally {
      api.close();
    }
  });
});
