/**
 * Highlights as W3C Web Annotations (Web Annotation Data Model, W3C Recommendation
 * 23 February 2017, https://www.w3.org/TR/annotation-model/), so other annotation tools
 * (Hypothesis, Recogito, pdf.js-based readers) can read a review team's highlights.
 *
 * Each highlight becomes one Annotation whose target is a SpecificResource on the document,
 * with three selectors describing the same passage (§4.2):
 *  - TextQuoteSelector {exact, prefix, suffix}: the stored quote and its context;
 *  - TextPositionSelector {start, end}: offsets in the document's extracted text (pages joined
 *    by the page separator), where the quote is NOW after re-anchoring; left out for an
 *    orphaned highlight, whose old offsets no longer point at its words;
 *  - FragmentSelector conforming to RFC 3778 ("page=N", one-based), for PDFs only.
 * A note becomes a TextualBody with purpose "commenting" (motivation "commenting"); without one
 * the motivation is "highlighting" and there is no body (§3.2.5 allows a body-less
 * annotation). A colour becomes a CssStylesheet and a styleClass on the target (§4.3.1).
 * The document is named by `urn:uuid:<document id>` (project ids are UUIDs, stable across
 * exports), with its title and media type.
 */
import type { Excerpt, W3cAnnotation, W3cAnnotationCollection, W3cSelector } from '../../../shared/api/calls/excerpts';
import type { ProjectStore } from '../store/project-store';
import { documentsWithExcerpts, listExcerpts, loadDocumentText, type DocumentText } from './excerpt-service';

const CONTEXT = 'http://www.w3.org/ns/anno.jsonld' as const;

/** Media types of the document kinds (documents.kind). */
const MEDIA_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  text: 'text/plain',
  markdown: 'text/markdown',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Every live highlight of one document (or of the whole project) as one AnnotationCollection. */
export function exportW3c(store: ProjectStore, documentId?: string): W3cAnnotationCollection {
  const ids = documentId ? [documentId] : documentsWithExcerpts(store);
  const items: W3cAnnotation[] = [];
  let label = `Highlights in ${store.summary().name}`;
  for (const id of ids) {
    const doc = loadDocumentText(store, id);
    if (documentId) label = `Highlights in ${doc.title}`;
    for (const excerpt of listExcerpts(store, id)) items.push(toAnnotation(doc, excerpt));
  }
  const collectionId = `urn:uuid:${store.summary().projectId}${documentId ? `/documents/${documentId}` : ''}/annotations`;
  return {
    '@context': CONTEXT,
    id: collectionId,
    type: 'AnnotationCollection',
    label,
    total: items.length,
    first: { id: `${collectionId}/page1`, type: 'AnnotationPage', startIndex: 0, items },
  };
}

/** One highlight as a W3C Annotation (see the module comment for the mapping). */
export function toAnnotation(doc: Pick<DocumentText, 'id' | 'title' | 'kind'>, e: Excerpt): W3cAnnotation {
  const selector: W3cSelector[] = [{ type: 'TextQuoteSelector', exact: e.quote, prefix: e.prefix, suffix: e.suffix }];
  if (e.anchorStatus !== 'orphaned') selector.push({ type: 'TextPositionSelector', start: e.start, end: e.end });
  if (doc.kind === 'pdf') {
    selector.push({ type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc3778', value: `page=${e.pageIndex + 1}` });
  }
  const styleClass = e.color ? `realist-${e.color.slice(1).toLowerCase()}` : undefined;
  const annotation: W3cAnnotation = {
    '@context': CONTEXT,
    id: `urn:uuid:${e.id}`,
    type: 'Annotation',
    motivation: e.note ? 'commenting' : 'highlighting',
    created: e.createdAt,
    modified: e.updatedAt,
    target: {
      type: 'SpecificResource',
      source: { id: `urn:uuid:${doc.id}`, type: 'Text', format: MEDIA_TYPES[doc.kind] ?? 'application/octet-stream', title: doc.title },
      ...(styleClass ? { styleClass } : {}),
      selector,
    },
  };
  if (e.coderName) annotation.creator = { type: 'Person', name: e.coderName };
  if (e.note) annotation.body = [{ type: 'TextualBody', value: e.note, format: 'text/plain', purpose: 'commenting' }];
  if (styleClass) annotation.stylesheet = { type: 'CssStylesheet', value: `.${styleClass} { background-color: ${e.color}; }` };
  return annotation;
}
