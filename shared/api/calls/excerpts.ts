/**
 * Calls about highlights (excerpts) in a document's full text.
 *
 * An excerpt stores redundant selectors, as the W3C Web Annotation model does, so that it can
 * be found again after re-extraction, a new pdf.js version or a replaced file:
 *  - TextPosition: `start`/`end`, offsets in the document's full text (its pages' texts joined
 *    by the separator of shared/documents/text-layout.ts), end exclusive;
 *  - TextQuote: `quote` (the exact text) with ~32 characters of `prefix` and `suffix`;
 *  - the page index and the highlight's rectangles in PDF user-space points (origin bottom
 *    left, zoom-free), for drawing without a text match;
 *  - a `sortKey` that orders highlights in reading order.
 *
 * Contract of `excerpts:create`: the excerpt is written to the project file, in one transaction
 * with its audit-log line, before the call returns. The server checks the quote against the
 * document's current text (at `start`..`end`, else by searching near `start`) and recomputes
 * prefix, suffix and sort key from that text, so every stored excerpt is consistent. A selection
 * that crosses a page break is refused with VALIDATION ("A highlight cannot cross a page break;
 * select within one page or make two highlights"): splitting is not implemented, because one
 * excerpt is one piece of evidence and silently making two would surprise the coder.
 *
 * `excerpts:list` re-anchors every excerpt against the document's current text and reports
 * `anchorStatus`: 'anchored' (the quote is exactly at its stored position), 'fuzzy' (found
 * elsewhere or approximately; `start`/`end` are the new place) or 'orphaned' (not found; the
 * stored quote and position are kept and the excerpt is still listed, never dropped).
 */
import { z } from 'zod';
import { projectPath, uuid } from './common';

/**
 * A rectangle of a highlight, in PDF user-space points of the unrotated page (origin bottom
 * left; x1 < x2, y1 < y2 after the server orders the corners). `page` is zero-based, like
 * `pageIndex`, and must be the excerpt's page.
 */
export const excerptRect = z
  .object({
    page: z.number().int().min(0),
    x1: z.number().finite(),
    y1: z.number().finite(),
    x2: z.number().finite(),
    y2: z.number().finite(),
  })
  .strict();

/** A highlight colour: a CSS hex colour (#rgb or #rrggbb). */
const color = z.string().regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'a colour is #rgb or #rrggbb');

/** The longest quote accepted; a highlight is a passage, not a chapter. */
export const MAX_QUOTE_LENGTH = 20_000;

/** Request schemas of the `excerpts:*` calls (checked on arrival; the renderer is not trusted). */
export const excerptsRequests = {
  'excerpts:create': z
    .object({
      documentId: uuid,
      /** Zero-based page the selection is on. */
      pageIndex: z.number().int().min(0),
      /** Offsets in the document's full text (end exclusive). */
      start: z.number().int().min(0),
      end: z.number().int().min(0),
      quote: z.string().min(1, 'the quote is empty').max(MAX_QUOTE_LENGTH),
      /** Optional: the server recomputes prefix and suffix from the stored text when it has one. */
      prefix: z.string().max(1000).default(''),
      suffix: z.string().max(1000).default(''),
      rects: z.array(excerptRect).max(2000).default([]),
      note: z.string().max(100_000).optional(),
      color: color.optional(),
    })
    .strict()
    .refine((r) => r.end > r.start, { message: 'end must be after start', path: ['end'] }),
  'excerpts:list': z
    .object({
      documentId: uuid,
      /** Also list soft-deleted excerpts (for an undo list). */
      includeDeleted: z.boolean().default(false),
    })
    .strict(),
  'excerpts:update': z
    .object({
      id: uuid,
      /** null clears the note; omitted leaves it as it is. */
      note: z.string().max(100_000).nullable().optional(),
      color: color.nullable().optional(),
    })
    .strict(),
  'excerpts:delete': z.object({ id: uuid }).strict(),
  /**
   * The highlights as W3C Web Annotations. With `path` (the command line only), also written
   * there, through the same checks as every export (never over a project; an existing file
   * only with `overwrite`).
   */
  'excerpts:exportW3c': z.object({ documentId: uuid.optional(), path: projectPath.optional(), overwrite: z.boolean().optional() }).strict(),
  /**
   * Highlights a quote by its words alone (the command line, scripts, the demo): found in the
   * document's text as re-anchoring finds quotes, on `pageIndex` first when given.
   */
  'excerpts:highlightQuote': z
    .object({
      documentId: uuid,
      quote: z.string().trim().min(1, 'the quote is empty').max(MAX_QUOTE_LENGTH),
      pageIndex: z.number().int().min(0).optional(),
      note: z.string().max(100_000).optional(),
      color: color.optional(),
    })
    .strict(),
} as const;

/** Where a quote was found and stored (what `realist highlight --json` prints). */
export interface HighlightOutput {
  excerptId: string;
  documentId: string;
  /** One-based page. */
  page: number;
  pageIndex: number;
  start: number;
  end: number;
  quote: string;
  /**
   * 'exact': the quote is in the text as typed; 'normalised': only after whitespace, ligatures,
   * quote marks or line-end hyphens are normalised (shared/anchoring/normalise); 'fuzzy':
   * approximately (a few characters differ).
   */
  match: 'exact' | 'normalised' | 'fuzzy';
  score: number;
}

/** How well an excerpt was found in the document's current text. */
export type AnchorStatus = 'anchored' | 'fuzzy' | 'orphaned';

export type ExcerptRect = z.infer<typeof excerptRect>;

/** A highlight as the reader and the coding views see it. */
export interface Excerpt {
  id: string;
  documentId: string;
  coderId: string | null;
  coderName: string | null;
  /** Page the excerpt is on now (after re-anchoring); the stored page when orphaned. */
  pageIndex: number;
  /** Offsets in the document's current full text (the stored ones when orphaned). */
  start: number;
  end: number;
  /** The same offsets relative to the start of the page's text (for the reader's text layer). */
  pageStart: number;
  pageEnd: number;
  /** The stored quote: never rewritten by re-anchoring, so an orphaned excerpt keeps its words. */
  quote: string;
  prefix: string;
  suffix: string;
  rects: ExcerptRect[];
  /** Reading order: zero-padded page index and offset ("00003:0000012345"). */
  sortKey: string;
  note: string | null;
  color: string | null;
  anchorStatus: AnchorStatus;
  /** Match score in [0, 1] from re-anchoring (1 = exact); 0 when orphaned. */
  anchorScore: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  /** The passage's codes in every layer, oldest first: what the reader shows on and beside it. */
  codes: ExcerptCode[];
}

/** One code given to a passage, with its colour (the code's own, else its kind's) and who gave it. */
export interface ExcerptCode {
  codingId: string;
  codeId: string;
  name: string;
  kind: string;
  color: string;
  coderId: string;
  coderName: string;
}

/** W3C Web Annotation selectors (https://www.w3.org/TR/annotation-model/#selectors). */
export type W3cSelector =
  | { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string }
  | { type: 'TextPositionSelector'; start: number; end: number }
  /** RFC 3778 PDF fragment, `page=N` with N one-based. */
  | { type: 'FragmentSelector'; conformsTo: 'http://tools.ietf.org/rfc/rfc3778'; value: string };

/** One W3C Web Annotation (https://www.w3.org/TR/annotation-model/). */
export interface W3cAnnotation {
  '@context': 'http://www.w3.org/ns/anno.jsonld';
  id: string;
  type: 'Annotation';
  motivation: 'highlighting' | 'commenting';
  created: string;
  modified: string;
  creator?: { type: 'Person'; name: string };
  body?: Array<{ type: 'TextualBody'; value: string; format: 'text/plain'; purpose: 'commenting' }>;
  stylesheet?: { type: 'CssStylesheet'; value: string };
  target: {
    type: 'SpecificResource';
    source: { id: string; type: 'Text'; format: string; title: string };
    styleClass?: string;
    selector: W3cSelector[];
  };
}

/** A W3C AnnotationCollection holding every exported annotation in one embedded page. */
export interface W3cAnnotationCollection {
  '@context': 'http://www.w3.org/ns/anno.jsonld';
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first: { id: string; type: 'AnnotationPage'; startIndex: 0; items: W3cAnnotation[] };
}

export interface ExcerptsResponses {
  'excerpts:create': Excerpt;
  'excerpts:list': Excerpt[];
  'excerpts:update': Excerpt;
  'excerpts:delete': { id: string; deletedAt: string };
  'excerpts:exportW3c': W3cAnnotationCollection;
  'excerpts:highlightQuote': HighlightOutput;
}
