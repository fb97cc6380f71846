/**
 * The agreement report of the open project and its files: the layers read in one query per
 * table (./read-project.ts), the report built by the pure shared/agreement/project-report.ts,
 * and the CSV and HTML made by shared/agreement/report-files.ts. Nothing is written.
 */
import { buildAgreementReport, type ReportOptions } from '../../../shared/agreement/project-report';
import type { AgreementReport } from '../../../shared/agreement/project-types';
import { reportCsv, reportFileName, reportHtml } from '../../../shared/agreement/report-files';
import type { AgreementExport } from '../../../shared/api/calls/agreement';
import type { ProjectStore } from '../store/project-store';
import { fillQuotes, readAgreementData } from './read-project';

/** The report for `coders` (default: every person with coded work). */
export function projectReport(store: ProjectStore, req: { coders?: string[] | undefined } & ReportOptions): AgreementReport {
  const report = buildAgreementReport(readAgreementData(store, req.coders), { overlap: req.overlap, cmocThreshold: req.cmocThreshold });
  fillQuotes(store, report.disagreements);
  return report;
}

/** The report as a file for the page to download (CSV or self-contained HTML). */
export function exportReport(
  store: ProjectStore,
  req: { coders?: string[] | undefined; format: 'csv' | 'html' } & ReportOptions,
  meta: { madeAt: string; appVersion: string },
): AgreementExport {
  const report = projectReport(store, req);
  const projectName = store.summary().name;
  const fileMeta = { projectName, madeAt: meta.madeAt, appVersion: meta.appVersion };
  const content = req.format === 'csv' ? reportCsv(report, fileMeta) : reportHtml(report, fileMeta);
  return {
    fileName: reportFileName(report, projectName, req.format),
    mime: req.format === 'csv' ? 'text/csv' : 'text/html',
    content,
    bytes: new TextEncoder().encode(content).length,
  };
}
