/**
 * Wires the readers to the services: loads a document, its bytes and its excerpts through
 * `api`, saves a new highlight with `excerpts:create` and draws it only once saved, edits
 * notes, deletes with undo (Ctrl+Z -> `excerpts:restore`). The readers themselves
 * (./pdf-reader, ./text-reader) know nothing of this.
 *
 * Performance marks: `reader:open` when the container starts loading, `reader:content` when
 * the bytes arrived, `reader:pdf-open` when pdf.js has parsed the document, `reader:data` when
 * the pages and excerpts arrived, and the measure `reader:first-page` when the first page's
 * picture is on screen (read by the e2e test).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DocumentDetail } from '../../../shared/api/calls/documents';
import type { Excerpt } from '../../../shared/api/calls/excerpts';
import { documentText } from '../../../shared/documents/text-layout';
import { api, ApiCallError } from '../api';
import { PdfReader, type PageSelection, type PdfReaderHandle } from './pdf-reader';
import { pdfjsEngine } from './pdfjs';
import type { PdfDocument } from './pdfjs-types';
import { HighlightsList, OutlineList, ThumbnailList, type PanelHighlight } from './side-panel';
import { TextReader, type TextReaderHandle, type TextSelection } from './text-reader';
import type { Zoom } from './zoom';
import type { ReaderHighlight } from './page-view';
import { CodePicker } from '../components/code-picker';
import { DocumentPanel } from './document-panel';
import type { CodeKind, CodeSummary } from '../../../shared/coding/types';
import './reader.css';

/** Highlight colours offered in the toolbar; the first is the default. */
export const HIGHLIGHT_COLORS = [
  { color: '#ffd43b', name: 'Yellow' },
  { color: '#8ce99a', name: 'Green' },
  { color: '#74c0fc', name: 'Blue' },
  { color: '#faa2c1', name: 'Pink' },
] as const;
const DEFAULT_COLOR = HIGHLIGHT_COLORS[0].color;

function byReadingOrder(a: Excerpt, b: Excerpt): number {
  return a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.start - b.start;
}

function messageOf(e: unknown): string {
  return e instanceof ApiCallError || e instanceof Error ? e.message : String(e);
}

/**
 * Opens document `documentId` in the PDF or text reader; `onClose` returns to the list.
 * `focusExcerptId` (from "Jump to" in a code view, a CMOC or a search) is selected and
 * scrolled into view once the document is drawn.
 */
export function ReaderContainer({ documentId, onClose, focusExcerptId = null }: { documentId: string; onClose: () => void; focusExcerptId?: string | null }) {
  const [doc, setDoc] = useState<DocumentDetail | null>(null);
  const [pdf, setPdf] = useState<PdfDocument | null>(null);
  const [excerpts, setExcerpts] = useState<Excerpt[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [zoom, setZoom] = useState<Zoom>({ mode: 'fit-width' });
  const [color, setColor] = useState<string>(DEFAULT_COLOR);
  const [tab, setTab] = useState<'highlights' | 'outline' | 'pages' | 'about'>('highlights');
  const [currentPage, setCurrentPage] = useState(0);
  const [deleted, setDeleted] = useState<string[]>([]);
  const [needsPassword, setNeedsPassword] = useState(false);
  const [password, setPassword] = useState('');
  const unlockRef = useRef<((password: string) => Promise<void>) | null>(null);
  /** The code picker for the selected highlight (C), with the codebook it offers. */
  const [picker, setPicker] = useState<{ excerptId: string; codes: CodeSummary[]; kinds: CodeKind[]; chosen: string[] } | null>(null);
  const pdfRef = useRef<PdfReaderHandle>(null);
  const textRef = useRef<TextReaderHandle>(null);

  useEffect(() => {
    performance.clearMarks('reader:open');
    performance.clearMeasures('reader:first-page');
    performance.mark('reader:open');
    let live = true;
    let destroy: (() => Promise<void>) | null = null;
    const openPdf = async (bytes: Uint8Array, password?: string) => {
      const opened = await pdfjsEngine.open(bytes, password);
      if (!live) {
        void opened.destroy();
        return;
      }
      performance.mark('reader:pdf-open');
      // Ask for page 1 now: pdf.js caches the page, so the reader's own request finds it ready.
      void opened.doc.getPage(1);
      destroy = opened.destroy;
      setPdf(opened.doc);
    };
    unlockRef.current = async (password: string) => {
      const content = await api.call('documents:bytes', { id: documentId });
      await openPdf(content.bytes, password);
      setError(null);
      setNeedsPassword(false);
    };
    pdfjsEngine.warmUp();
    void (async () => {
      try {
        // The bytes (binary, not base64) are asked for first and a PDF opens as soon as they
        // arrive, while the page texts and the excerpts are still on their way.
        const contentCall = api.call('documents:bytes', { id: documentId });
        const detailCall = api.call('documents:get', { id: documentId });
        const listCall = api.call('excerpts:list', { documentId });
        const content = await contentCall;
        if (!live) return;
        performance.mark('reader:content');
        const opening = content.mime === 'application/pdf' ? openPdf(content.bytes) : Promise.resolve();
        const [detail, list] = await Promise.all([detailCall, listCall]);
        if (!live) return;
        performance.mark('reader:data');
        setDoc(detail);
        setExcerpts([...list].sort(byReadingOrder));
        await opening;
      } catch (e) {
        if (!live) return;
        const name = (e as Error).name;
        if (name === 'PasswordException') setNeedsPassword(true);
        setError(name === 'PasswordException' ? 'This PDF is encrypted: type its password to read it.' : name === 'InvalidPDFException' ? `This PDF is damaged and cannot be drawn (${messageOf(e)}).` : messageOf(e));
      }
    })();
    return () => {
      live = false;
      void destroy?.();
    };
  }, [documentId]);

  useEffect(() => {
    if (!message) return;
    const t = setTimeout(() => setMessage(null), 6000);
    return () => clearTimeout(t);
  }, [message]);

  const create = useCallback(
    async (req: { pageIndex: number; start: number; end: number; quote: string; rects: PageSelection['rects'] }) => {
      try {
        const saved = await api.call('excerpts:create', { documentId, ...req, color });
        setExcerpts((xs) => [...xs.filter((x) => x.id !== saved.id), saved].sort(byReadingOrder));
        setSelectedId(saved.id);
      } catch (e) {
        setMessage(`The highlight was not saved: ${messageOf(e)}`);
      }
    },
    [documentId, color],
  );

  const onPdfSelection = useCallback(
    (s: PageSelection) => {
      const page = doc?.pages[s.pageIndex];
      if (!page) {
        setMessage('This page has no stored text, so it cannot be highlighted (does the document need OCR?).');
        return;
      }
      void create({ pageIndex: s.pageIndex, start: page.textOffset + s.pageStart, end: page.textOffset + s.pageEnd, quote: s.quote, rects: s.rects });
    },
    [doc, create],
  );

  const onTextSelection = useCallback(
    (s: TextSelection) => {
      const pages = doc?.pages ?? [];
      const at = (offset: number) => {
        let idx = 0;
        pages.forEach((p, i) => {
          if (p.textOffset <= offset) idx = i;
        });
        return idx;
      };
      const first = at(s.start);
      if (at(s.end - 1) !== first) {
        setMessage('A highlight cannot cross a page break: select within one page, or make two highlights.');
        return;
      }
      void create({ pageIndex: first, start: s.start, end: s.end, quote: s.quote, rects: [] });
    },
    [doc, create],
  );

  const updateNote = useCallback(async (id: string, note: string | null) => {
    try {
      const saved = await api.call('excerpts:update', { id, note });
      setExcerpts((xs) => xs.map((x) => (x.id === id ? saved : x)));
    } catch (e) {
      setMessage(`The note was not saved: ${messageOf(e)}`);
    }
  }, []);

  const remove = useCallback(async (id: string) => {
    try {
      await api.call('excerpts:delete', { id });
      setExcerpts((xs) => xs.filter((x) => x.id !== id));
      setDeleted((d) => [...d, id]);
      setSelectedId(null);
      setMessage('Highlight deleted. Press Ctrl+Z to undo.');
    } catch (e) {
      setMessage(`The highlight was not deleted: ${messageOf(e)}`);
    }
  }, []);

  const undo = useCallback(async () => {
    const id = deleted[deleted.length - 1];
    if (!id) return;
    try {
      const restored = await api.call('excerpts:restore', { id });
      setDeleted((d) => d.slice(0, -1));
      setExcerpts((xs) => [...xs, restored].sort(byReadingOrder));
      setSelectedId(restored.id);
      setMessage('Highlight restored.');
    } catch (e) {
      setMessage(`The highlight was not restored: ${messageOf(e)}`);
    }
  }, [deleted]);

  /** Opens the keyboard code picker on a highlight (C): the codebook, with the codes it already has ticked. */
  const openPicker = useCallback(async (excerptId: string) => {
    try {
      const [{ codes, kinds }, given] = await Promise.all([api.call('codes:list', {}), api.call('codings:ofExcerpt', { excerptId })]);
      setPicker({ excerptId, codes, kinds, chosen: given.map((g) => g.codeId) });
    } catch (e) {
      setMessage(`The codebook could not be loaded: ${messageOf(e)}`);
    }
  }, []);

  /**
   * Gives a code to a highlight, then colours the highlight by the code's kind (its own colour
   * when it has one), so the reader shows context, mechanism and outcome at a glance.
   */
  const codeExcerpt = useCallback(
    async (excerptId: string, code: { id: string; name: string; kind: string; color: string | null }, kinds: readonly CodeKind[]) => {
      try {
        await api.call('codings:add', { excerptId, codeId: code.id });
        const kind = kinds.find((k) => k.id === code.kind);
        const colour = code.color ?? kind?.color ?? null;
        if (colour) {
          const saved = await api.call('excerpts:update', { id: excerptId, color: colour });
          setExcerpts((xs) => xs.map((x) => (x.id === excerptId ? saved : x)));
        }
        setMessage(`Coded “${code.name}” (${kind?.label ?? code.kind}).`);
      } catch (e) {
        setMessage(`The code was not given: ${messageOf(e)}`);
      }
    },
    [],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA')) return;
      if (!e.ctrlKey && !e.metaKey && !e.altKey && e.key.toLowerCase() === 'c' && selectedId && !picker) {
        e.preventDefault();
        void openPicker(selectedId);
        return;
      }
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z' && deleted.length > 0) {
        e.preventDefault();
        void undo();
      } else if (e.key === 'Delete' && selectedId) {
        e.preventDefault();
        void remove(selectedId);
      } else if (e.key === 'Escape' && selectedId) {
        setSelectedId(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, remove, deleted, selectedId, picker, openPicker]);

  const jumpTo = useCallback(
    (id: string) => {
      setSelectedId(id);
      const x = excerpts.find((e) => e.id === id);
      if (!x) return;
      if (pdfRef.current) {
        if (x.rects[0] && x.anchorStatus === 'anchored') void pdfRef.current.scrollToRect(x.rects[0]);
        else pdfRef.current.scrollToPage(x.pageIndex);
      } else textRef.current?.scrollToOffset(x.start);
    },
    [excerpts],
  );

  // Jump to the excerpt the reader was opened for, once its document and highlights are there.
  const focused = useRef(false);
  useEffect(() => {
    if (!focusExcerptId || focused.current || !doc || !excerpts.some((x) => x.id === focusExcerptId)) return;
    if (doc.kind === 'pdf' && !pdf) return;
    focused.current = true;
    // Give the reader one frame to lay its pages out before scrolling.
    requestAnimationFrame(() => jumpTo(focusExcerptId));
  }, [focusExcerptId, doc, pdf, excerpts, jumpTo]);

  const colorOf = (x: Excerpt) => x.color ?? DEFAULT_COLOR;
  const readerHighlights: ReaderHighlight[] = useMemo(
    () =>
      excerpts
        .filter((x) => x.anchorStatus !== 'orphaned')
        .map((x) => ({
          id: x.id,
          pageIndex: x.pageIndex,
          rects: x.rects,
          color: colorOf(x),
          selected: x.id === selectedId,
          hasNote: !!x.note,
          pageStart: x.pageStart,
          pageEnd: x.pageEnd,
          // Saved without rectangles, or found again elsewhere: draw from the text position.
          fromText: x.rects.length === 0 || x.anchorStatus === 'fuzzy',
        })),
    [excerpts, selectedId],
  );
  const panelHighlights: PanelHighlight[] = useMemo(
    () => excerpts.map((x) => ({ id: x.id, pageIndex: x.pageIndex, quote: x.quote, note: x.note, color: colorOf(x), status: x.anchorStatus, coder: x.coderName })),
    [excerpts],
  );
  const pageTexts = useMemo(() => doc?.pages.map((p) => p.text) ?? [], [doc]);
  const pageSizes = useMemo(() => {
    if (!doc || doc.pages.length === 0 || doc.pages.some((p) => !p.width || !p.height)) return undefined;
    return doc.pages.map((p) => (p.rotation % 180 === 0 ? { widthPt: p.width!, heightPt: p.height! } : { widthPt: p.height!, heightPt: p.width! }));
  }, [doc]);
  const fullText = useMemo(() => (doc && doc.kind !== 'pdf' ? documentText(doc.pages) : ''), [doc]);
  const onFirstPageDrawn = useCallback(() => performance.measure('reader:first-page', 'reader:open'), []);

  const toolbarExtra = (
    <>
      <span className="color-picker" role="radiogroup" aria-label="Highlight colour">
        {HIGHLIGHT_COLORS.map((c) => (
          <button
            key={c.color}
            role="radio"
            aria-checked={c.color === color}
            aria-label={c.name}
            title={`${c.name} highlights`}
            className={`color-choice${c.color === color ? ' active' : ''}`}
            style={{ backgroundColor: c.color }}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => setColor(c.color)}
          />
        ))}
      </span>
      <button
        type="button"
        className="code-button"
        disabled={!selectedId}
        title="Code the selected highlight (C)"
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => selectedId && void openPicker(selectedId)}
      >
        Code…
      </button>
      {message && (
        <span className="reader-message" role="status">
          {message}
        </span>
      )}
    </>
  );

  return (
    <div className="reader-shell">
      <header className="reader-header">
        <button onClick={onClose} title="Back to the documents list">
          ← Documents
        </button>
        <h2 className="reader-title" title={doc?.fileName}>
          {doc?.title ?? 'Opening…'}
        </h2>
      </header>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      {needsPassword && (
        <form
          className="unlock-form reader-unlock"
          onSubmit={(e) => {
            e.preventDefault();
            void unlockRef.current?.(password).catch(() => setError('That password does not open this PDF.'));
          }}
        >
          <input type="password" aria-label="PDF password" placeholder="Password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />
          <button type="submit" className="primary">
            Open
          </button>
        </form>
      )}
      <div className="reader-body">
        <aside className="reader-panel" aria-label="Side panel">
          <div className="panel-tabs" role="tablist">
            <button role="tab" aria-selected={tab === 'highlights'} className={tab === 'highlights' ? 'active' : ''} onClick={() => setTab('highlights')}>
              Highlights <span className="count">{excerpts.length}</span>
            </button>
            {doc?.kind === 'pdf' && (
              <button role="tab" aria-selected={tab === 'outline'} className={tab === 'outline' ? 'active' : ''} onClick={() => setTab('outline')}>
                Outline
              </button>
            )}
            {doc?.kind === 'pdf' && (
              <button role="tab" aria-selected={tab === 'pages'} className={tab === 'pages' ? 'active' : ''} onClick={() => setTab('pages')}>
                Pages
              </button>
            )}
            <button role="tab" aria-selected={tab === 'about'} className={tab === 'about' ? 'active' : ''} onClick={() => setTab('about')} title="Appraisal and memos">
              About
            </button>
          </div>
          <div className="panel-body">
            {tab === 'about' ? (
              <DocumentPanel documentId={documentId} />
            ) : tab === 'highlights' || !pdf ? (
              <HighlightsList
                highlights={panelHighlights}
                selectedId={selectedId}
                showPages={doc?.kind === 'pdf'}
                onSelect={jumpTo}
                onNoteChange={(id, note) => void updateNote(id, note)}
                onDelete={(id) => void remove(id)}
              />
            ) : tab === 'outline' ? (
              <OutlineList pdf={pdf} onGoToPage={(i) => pdfRef.current?.scrollToPage(i)} />
            ) : (
              <ThumbnailList pdf={pdf} currentPage={currentPage} onGoToPage={(i) => pdfRef.current?.scrollToPage(i)} />
            )}
          </div>
        </aside>
        <div className="reader-main">
          {pdf && doc?.kind !== 'text' && doc?.kind !== 'markdown' && doc?.kind !== 'docx' && (
            <PdfReader
              ref={pdfRef}
              pdf={pdf}
              engine={pdfjsEngine}
              pageTexts={pageTexts}
              {...(pageSizes ? { pageSizes } : {})}
              highlights={readerHighlights}
              zoom={zoom}
              onZoomChange={setZoom}
              onCreateHighlight={onPdfSelection}
              onHighlightClick={(id) => setSelectedId(id)}
              onMessage={setMessage}
              onFirstPageDrawn={onFirstPageDrawn}
              onPageChange={setCurrentPage}
              toolbarExtra={toolbarExtra}
            />
          )}
          {doc && doc.kind !== 'pdf' && (
            <TextReader
              ref={textRef}
              text={fullText}
              highlights={excerpts.filter((x) => x.anchorStatus !== 'orphaned').map((x) => ({ id: x.id, start: x.start, end: x.end, color: colorOf(x), selected: x.id === selectedId }))}
              onCreateHighlight={onTextSelection}
              onHighlightClick={(id) => setSelectedId(id)}
              onMessage={setMessage}
              toolbarExtra={toolbarExtra}
            />
          )}
          {!doc && !error && <p className="loading">Opening the document…</p>}
        </div>
      </div>
      {picker && (
        <div className="reader-code-picker" role="dialog" aria-label="Code this highlight">
          <CodePicker
            codes={picker.codes}
            kinds={picker.kinds}
            chosen={picker.chosen}
            label="Code this highlight"
            onClose={() => setPicker(null)}
            onPick={(codeId) => {
              const code = picker.codes.find((c) => c.id === codeId);
              setPicker(null);
              if (code) void codeExcerpt(picker.excerptId, code, picker.kinds);
            }}
            onCreate={(name, kind) => {
              const { excerptId, kinds } = picker;
              setPicker(null);
              void api
                .call('codes:create', { name, kind })
                .then((code) => codeExcerpt(excerptId, code, kinds))
                .catch((e: unknown) => setMessage(`The code was not created: ${messageOf(e)}`));
            }}
          />
        </div>
      )}
    </div>
  );
}
