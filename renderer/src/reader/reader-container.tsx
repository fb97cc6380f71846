/**
 * Wires the readers to the services: loads a document, its bytes and its excerpts through
 * `api`, saves a new highlight with `excerpts:create` and draws it only once saved, edits
 * notes, deletes (undone by the window's Ctrl+Z, like every change). The readers themselves
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
import { historyMessage, useHistoryListener } from '../history';
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
import type { Coder } from '../../../shared/coders/types';
import type { ChipCode } from './code-chips';
import { ColorChoices, HIGHLIGHT_COLORS, KindLegend } from './reader-controls';
import './reader.css';
import { useRememberedOpen } from '../components/remembered';

export { HIGHLIGHT_COLORS } from './reader-controls';
const DEFAULT_COLOR = HIGHLIGHT_COLORS[0].color;
/** Where the reader keeps the "colour by kind" switch between documents and sessions. */
const BY_KIND_KEY = 'realist-reader-colour-by-kind';

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
  const [needsPassword, setNeedsPassword] = useState(false);
  const [password, setPassword] = useState('');
  const unlockRef = useRef<((password: string) => Promise<void>) | null>(null);
  /** The code picker for the selected highlight (C), with the codebook it offers. */
  const [picker, setPicker] = useState<{ excerptId: string; codes: CodeSummary[]; kinds: CodeKind[]; chosen: string[] } | null>(null);
  const pdfRef = useRef<PdfReaderHandle>(null);
  const textRef = useRef<TextReaderHandle>(null);
  /** The codebook's kinds (legend, kind colours) and the coders (chips), and the layer writes go to. */
  const [kinds, setKinds] = useState<CodeKind[]>([]);
  const [coders, setCoders] = useState<Coder[]>([]);
  const [layerCoderId, setLayerCoderId] = useState<string | null>(null);
  const [byKind, setByKind] = useState(() => localStorage.getItem(BY_KIND_KEY) !== 'off');
  const [panelOpen, setPanelOpen] = useRememberedOpen('reader-panel');
  /** Focus back in the text, with the reading cursor where it was (after the picker, a highlight, a jump). */
  const focusReader = useCallback(() => {
    requestAnimationFrame(() => (pdfRef.current ? pdfRef.current.focusCaret() : textRef.current?.focusCaret()));
  }, []);
  const loadCoding = useCallback(() => {
    void api.result('codes:list', {}).then((r) => r.ok && setKinds(r.value.kinds));
    void api.result('coders:list', {}).then((r) => r.ok && setCoders(r.value));
    void api.result('session:get', {}).then((r) => r.ok && setLayerCoderId(r.value.layerCoderId));
  }, []);
  useEffect(loadCoding, [loadCoding]);

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
      const r = await api.result('excerpts:create', { documentId, ...req, color });
      if (r.ok) {
        const saved = r.value;
        setExcerpts((xs) => [...xs.filter((x) => x.id !== saved.id), saved].sort(byReadingOrder));
        setSelectedId(saved.id);
        setMessage('Highlighted. Press C to code it.');
      } else {
        const existing = r.error.code === 'DUPLICATE' ? (r.error.details as { excerptId?: string } | undefined)?.excerptId : undefined;
        if (existing) {
          // The same passage again: show the one that exists instead of making a twin.
          setSelectedId(existing);
          setMessage('This passage is already highlighted: it is selected now (C codes it).');
        } else setMessage(`The highlight was not saved: ${r.error.message}`);
      }
      focusReader();
    },
    [documentId, color, focusReader],
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
      setSelectedId(null);
      setMessage('Highlight deleted. Press Ctrl+Z to undo.');
    } catch (e) {
      setMessage(`The highlight was not deleted: ${messageOf(e)}`);
    }
  }, []);

  const reloadExcerpts = useCallback(async () => {
    const r = await api.result('excerpts:list', { documentId });
    if (r.ok) setExcerpts([...r.value].sort(byReadingOrder));
  }, [documentId]);

  // After an undo or redo anywhere in the window, the highlights are read again.
  useHistoryListener(
    useCallback(
      (state, which) => {
        void reloadExcerpts();
        loadCoding();
        if (which !== 'change') setMessage(historyMessage(state, which));
      },
      [reloadExcerpts, loadCoding],
    ),
  );

  /** Takes one code off a passage, in the current layer (one action: Ctrl+Z gives it back). */
  const removeCode = useCallback(
    async (excerptId: string, code: { codeId: string; name: string }) => {
      try {
        await api.call('codings:remove', { excerptId, codeId: code.codeId });
        await reloadExcerpts();
        setMessage(`Removed “${code.name}” from the passage. Ctrl+Z brings it back.`);
      } catch (e) {
        setMessage(`The code was not removed: ${messageOf(e)}`);
      }
    },
    [reloadExcerpts],
  );

  /** Opens the keyboard code picker on a highlight (C): the codebook, with the codes it already has ticked. */
  const openPicker = useCallback(async (excerptId: string) => {
    try {
      const [{ codes, kinds }, given, session] = await Promise.all([api.call('codes:list', {}), api.call('codings:ofExcerpt', { excerptId }), api.call('session:get', {})]);
      // Ticked: the codes this passage has in the layer the user writes to (Enter on one removes it).
      setPicker({ excerptId, codes, kinds, chosen: given.filter((g) => g.coderId === session.layerCoderId).map((g) => g.codeId) });
    } catch (e) {
      setMessage(`The codebook could not be loaded: ${messageOf(e)}`);
    }
  }, []);

  /**
   * Gives a code to a highlight (one action, one undo step). The highlight is then drawn in the
   * colour of its latest code's kind (see `colorOf`), so the reader shows context, mechanism
   * and outcome at a glance; the highlight's own colour is kept.
   */
  const codeExcerpt = useCallback(
    async (excerptId: string, code: { id: string; name: string; kind: string; color: string | null }, kinds: readonly CodeKind[]) => {
      try {
        await api.call('codings:add', { excerptId, codeId: code.id });
        const kind = kinds.find((k) => k.id === code.kind);
        const list = await api.call('excerpts:list', { documentId });
        setExcerpts([...list].sort(byReadingOrder));
        setMessage(`Coded “${code.name}” (${kind?.label ?? code.kind}).`);
        setKinds([...kinds]);
      } catch (e) {
        setMessage(`The code was not given: ${messageOf(e)}`);
      }
      focusReader();
    },
    [documentId, focusReader],
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
      if (e.key === 'Delete' && selectedId) {
        e.preventDefault();
        void remove(selectedId);
      } else if (e.key === 'Escape' && selectedId) {
        setSelectedId(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [remove, selectedId, picker, openPicker]);

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
    // Give the reader one frame to lay its pages out before scrolling; then the keys act on the text.
    requestAnimationFrame(() => {
      jumpTo(focusExcerptId);
      focusReader();
    });
  }, [focusExcerptId, doc, pdf, excerpts, jumpTo, focusReader]);

  // A document opened from the list: focus goes to its text (not the page body), ready to read.
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || focusExcerptId || !doc || (doc.kind === 'pdf' && !pdf)) return;
    opened.current = true;
    focusReader();
  }, [doc, pdf, focusExcerptId, focusReader]);

  const kindById = useMemo(() => new Map(kinds.map((k) => [k.id, k])), [kinds]);
  const coderById = useMemo(() => new Map(coders.map((c) => [c.id, c])), [coders]);
  /**
   * Colour by kind (the switch on): a coded passage shows its latest code's kind colour.
   * Otherwise, and for an uncoded passage, the colour chosen when it was highlighted (kept as stored).
   */
  const colorOf = (x: Excerpt) => {
    const latest = x.codes[x.codes.length - 1];
    if (byKind && latest) return kindById.get(latest.kind)?.color ?? latest.color;
    return x.color ?? DEFAULT_COLOR;
  };
  const chipsOf = useCallback(
    (x: Excerpt): ChipCode[] =>
      x.codes.map((c) => {
        const coder = coderById.get(c.coderId);
        const kind = kindById.get(c.kind);
        return {
          codeId: c.codeId,
          name: c.name,
          color: kind?.color ?? c.color,
          kindLabel: kind?.label ?? c.kind,
          coder: c.coderName,
          coderChip: coder ? { name: coder.name, initials: coder.initials, color: coder.color } : null,
          removable: c.coderId === layerCoderId,
        };
      }),
    [coderById, kindById, layerCoderId],
  );
  const usedKinds = useMemo(() => new Set(excerpts.flatMap((x) => x.codes.map((c) => c.kind))), [excerpts]);
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
          codes: chipsOf(x),
        })),
    [excerpts, selectedId, byKind, chipsOf],
  );
  const panelHighlights: PanelHighlight[] = useMemo(
    () => excerpts.map((x) => ({ id: x.id, pageIndex: x.pageIndex, quote: x.quote, note: x.note, color: colorOf(x), status: x.anchorStatus, coder: x.coderName, codes: chipsOf(x) })),
    [excerpts, byKind, chipsOf],
  );
  const textHighlights = useMemo(
    () => excerpts.filter((x) => x.anchorStatus !== 'orphaned').map((x) => ({ id: x.id, start: x.start, end: x.end, color: colorOf(x), selected: x.id === selectedId, codes: chipsOf(x) })),
    [excerpts, selectedId, byKind, chipsOf],
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
      <ColorChoices color={color} onChange={setColor} />
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
    </>
  );

  return (
    <div className="reader-shell">
      <header className="reader-header">
        <button onClick={onClose} title="Back to the documents list">
          ← Documents
        </button>
        <button
          type="button"
          className="panel-toggle"
          aria-expanded={panelOpen}
          aria-controls="reader-side-panel"
          onClick={() => setPanelOpen((o) => !o)}
          title={panelOpen ? 'Hide the side panel (more room for the text)' : 'Show the side panel: highlights, outline, pages, about'}
        >
          {panelOpen ? 'Hide panel' : 'Show panel'}
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
      {doc && doc.kind === 'pdf' && doc.status === 'no-text' && (
        <div className="reader-banner" role="status">
          This PDF has no text layer (an image-only scan): its pages can be read here, but words cannot be selected, found, highlighted or coded until
          the file is run through OCR and attached again.
        </div>
      )}
      {doc && doc.kind === 'pdf' && doc.status === 'damaged' && !error && (
        <div className="reader-banner" role="status">
          This PDF is damaged{doc.statusMessage ? ` (${doc.statusMessage})` : ''}: the pages that could be read are shown, and only their text can be found and highlighted.
        </div>
      )}
      <div className={`reader-body${panelOpen ? '' : ' panel-closed'}`}>
        <aside className="reader-panel" aria-label="Side panel" id="reader-side-panel" hidden={!panelOpen}>
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
            <button role="tab" aria-selected={tab === 'about'} className={tab === 'about' ? 'active' : ''} onClick={() => setTab('about')} title="This document's appraisal (relevance, rigour) and memos">
              Appraisal & memos
            </button>
          </div>
          <div className="panel-body">
            {tab === 'about' ? (
              <DocumentPanel documentId={documentId} />
            ) : tab === 'highlights' || !pdf ? (
              <>
              <KindLegend
                kinds={kinds}
                byKind={byKind}
                used={usedKinds}
                onByKind={(on) => {
                  setByKind(on);
                  localStorage.setItem(BY_KIND_KEY, on ? 'on' : 'off');
                }}
              />
              <HighlightsList
                highlights={panelHighlights}
                selectedId={selectedId}
                showPages={doc?.kind === 'pdf'}
                onSelect={jumpTo}
                onNoteChange={(id, note) => void updateNote(id, note)}
                onDelete={(id) => void remove(id)}
                onRemoveCode={(id, code) => void removeCode(id, code)}
              />
              </>
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
              highlights={textHighlights}
              onCreateHighlight={onTextSelection}
              onHighlightClick={(id) => setSelectedId(id)}
              onMessage={setMessage}
              toolbarExtra={toolbarExtra}
            />
          )}
          {!doc && !error && <p className="loading">Opening the document…</p>}
          {/* Over the text, not in the toolbar: a message never wraps the toolbar and shifts the pages. */}
          <span className="reader-message" role="status" hidden={!message}>
            {message}
          </span>
        </div>
      </div>
      {picker && (
        <div className="reader-code-picker" role="dialog" aria-label="Code this highlight">
          <CodePicker
            codes={picker.codes}
            kinds={picker.kinds}
            chosen={picker.chosen}
            label="Code this highlight"
            onClose={() => {
              setPicker(null);
              focusReader();
            }}
            onPick={(codeId) => {
              const code = picker.codes.find((c) => c.id === codeId);
              setPicker(null);
              // Enter on a ticked code takes it off the passage; on any other, gives it.
              if (code && picker.chosen.includes(codeId)) void removeCode(picker.excerptId, { codeId, name: code.name }).then(focusReader);
              else if (code) void codeExcerpt(picker.excerptId, code, picker.kinds);
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
