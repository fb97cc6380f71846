/**
 * Builds the review report file (HTML or DOCX) of an open project, in memory: the caller
 * writes it (./safe-write through the handler) or offers it as a download.
 */
import type { ReportResponses } from '../../../shared/api/calls/report';
import type { CitationStyle } from '../../../shared/report/citation-style';
import { reportHtml } from '../../../shared/report/report-html';
import type { ProjectStore } from '../store/project-store';
import { readReviewReport } from './report-data';
import { reportDocx } from './report-docx';

/** The media type of each report format (for a browser download). */
export const REPORT_MIME: Record<'html' | 'docx', string> = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

type Summary = Pick<ReportResponses['report:export'], 'flow' | 'counts' | 'cmocLayer'>;

/** The report's bytes and what it holds. */
export async function buildReport(
  store: ProjectStore,
  options: { format: 'html' | 'docx'; style: CitationStyle; title?: string | undefined; madeAt: string; appVersion: string },
): Promise<{ data: Buffer } & Summary> {
  const report = readReviewReport(store, options);
  const data = options.format === 'html' ? Buffer.from(reportHtml(report), 'utf8') : await reportDocx(report);
  const f = report.flow;
  return {
    data,
    flow: {
      identified: f.identified,
      duplicatesRemoved: f.duplicatesRemoved,
      screened: f.screened,
      included: f.included,
      excluded: f.excluded,
      maybe: f.maybe,
      unscreened: f.unscreened,
      fullTexts: f.fullTexts,
      otherDocuments: f.otherDocuments,
      documentsInSynthesis: f.documentsInSynthesis,
    },
    counts: {
      documents: report.documents.length,
      cmocs: report.cmocs.items.length,
      theoryVersions: (report.theory.initial ? 1 : 0) + (report.theory.refined ? 1 : 0),
      agreementFigures: report.agreement.figures.length,
    },
    cmocLayer: report.cmocs.layer,
  };
}
