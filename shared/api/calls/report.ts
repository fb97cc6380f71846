/**
 * Calls of the report capability: the report a realist review publishes (RAMESES: the flow of
 * documents, the documents with their appraisal, the CMOCs with their evidence, the program
 * theory before and after refinement, the agreement figures, the references), as a
 * self-contained HTML page or a Word document (shared/report, electron/services/report).
 *
 * As for the other exports, the page never names a file: `path` is for the command line only
 * (electron/services/files/page-paths.ts); the page saves through a grant (the desktop app's
 * save dialog) or gets a download (the browser build).
 */
import { z } from 'zod';
import { fileGrant, projectPath } from './common';

/** Request schemas of the report calls. */
export const reportRequests = {
  'report:export': z
    .object({
      format: z.enum(['html', 'docx']),
      /** The reference style of the citations: Vancouver (the default) or APA 7. */
      style: z.enum(['vancouver', 'apa']).default('vancouver'),
      /** The report's title; default "<project>: realist synthesis report". */
      title: z.string().trim().max(300).optional(),
      /** Where to write (the command line); without it, the page gets a download. */
      path: projectPath.optional(),
      /** Where the desktop app's save dialog said to write (the dialog asked before replacing). */
      grant: fileGrant.optional(),
      /** Replace an existing file (the command line's --force). */
      overwrite: z.boolean().default(false),
      /** The download's file name; the format's extension is added. */
      fileName: z.string().trim().min(1).max(200).optional(),
    })
    .strict()
    .refine((r) => !(r.path && r.grant), 'give a path or a grant, not both'),
  /** The HTML report as a string, for the window's preview (the same page `report:export` writes). */
  'report:preview': z
    .object({
      style: z.enum(['vancouver', 'apa']).default('vancouver'),
      title: z.string().trim().max(300).optional(),
    })
    .strict(),
} as const;

/**
 * The largest report the preview returns (UTF-8 bytes). Past it the call is refused with
 * TOO_LARGE and the page says to export the file instead: a string this size still crosses
 * IPC and the web bridge quickly, and a frame shows it without stalling the window.
 */
export const MAX_REPORT_PREVIEW_BYTES = 64 * 1024 * 1024;

/** Responses of the report calls. */
export interface ReportResponses {
  'report:export': {
    path: string | null;
    fileName: string;
    bytes: number;
    downloadId: string | null;
    /** The flow of documents as the report prints it (the diagram's numbers). */
    flow: { identified: number; duplicatesRemoved: number; screened: number; included: number; excluded: number; maybe: number; unscreened: number; fullTexts: number; otherDocuments: number; documentsInSynthesis: number };
    /** Rows of the report's main tables. */
    counts: { documents: number; cmocs: number; theoryVersions: number; agreementFigures: number };
    /** Which CMOC layer the table shows. */
    cmocLayer: 'consensus' | 'all';
  };
  /** The report page and what it holds (as `report:export` says it). */
  'report:preview': { html: string } & Pick<ReportResponses['report:export'], 'bytes' | 'flow' | 'counts' | 'cmocLayer'>;
}
