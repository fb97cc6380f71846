/**
 * Text of the non-PDF documents: plain-text and Markdown transcripts or field notes, and Word
 * .docx files (through mammoth's raw-text extraction, in a worker thread with size, memory and
 * time limits: ./docx-extract.ts). Such a document has no pages of its own,
 * so it becomes one "page", or several when it is longer than PAGE_CHARS: it is cut at the
 * blank line (paragraph break) nearest before each limit, and the blank line itself becomes the
 * page separator, so `documentText(pages)` gives back the text as written.
 */
import { PAGE_SEPARATOR } from '../../../shared/documents/text-layout';
import { extractDocxText } from './docx-extract';

/**
 * About 15 printed pages. Long enough that an interview transcript stays whole, short enough
 * that the reader does not render a 300 kB block and FTS5 snippets stay page-local.
 */
export const PAGE_CHARS = 40_000;

/** The kinds handled here. */
export type TextKind = 'text' | 'markdown' | 'docx';

/** Decodes a text file: UTF-8 (with or without BOM), else Windows-1252; line ends to \n. */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').trim();
}

/** Cuts a long text into pages at paragraph breaks (see the module comment). */
export function splitIntoPages(text: string, limit = PAGE_CHARS): string[] {
  const pages: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf(PAGE_SEPARATOR, limit);
    if (cut <= 0) cut = rest.indexOf(PAGE_SEPARATOR, limit);
    if (cut <= 0) break; // one paragraph longer than the limit: keep it whole
    pages.push(rest.slice(0, cut));
    rest = rest.slice(cut + PAGE_SEPARATOR.length);
  }
  pages.push(rest);
  return pages;
}

/** The text of a text, Markdown or Word file, as pages; and its title when the file has one. */
export async function extractTextDocument(kind: TextKind, bytes: Uint8Array): Promise<{ pages: string[]; title: string | null; warnings: string[] }> {
  const warnings: string[] = [];
  let text: string;
  if (kind === 'docx') {
    const result = await extractDocxText(bytes);
    text = decodeText(new TextEncoder().encode(result.text)).replace(/\n{3,}/g, '\n\n');
    warnings.push(...result.messages);
  } else {
    text = decodeText(bytes);
  }
  let title: string | null = null;
  if (kind === 'markdown') title = /^#\s+(.+)$/m.exec(text)?.[1]?.trim() ?? null;
  return { pages: text === '' ? [''] : splitIntoPages(text), title, warnings };
}
