/**
 * Hooks the coding sections share: the codebook (kinds and codes with counts) loaded once and
 * reloaded after a change, the coder the user works as, and Ctrl+Z / Ctrl+Shift+Z bound to
 * the services' undo and redo (every coding action is undoable there, not in the page).
 */
import { useCallback, useEffect, useState } from 'react';
import type { CodeKind, CodeSummary, HistoryState } from '../../../../shared/coding/types';
import { api } from '../../api';

export interface Codebook {
  kinds: CodeKind[];
  codes: CodeSummary[];
}

/** Loads `codes:list`; `reload` fetches it again (after create, merge, undo...). */
export function useCodebook(): { book: Codebook | null; error: string | null; reload: () => Promise<void> } {
  const [book, setBook] = useState<Codebook | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const r = await api.result('codes:list', {});
    if (r.ok) {
      setBook({ kinds: [...r.value.kinds].sort((a, b) => a.sort - b.sort), codes: r.value.codes });
      setError(null);
    } else setError(r.error.message);
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { book, error, reload };
}

const CODER_KEY = 'realist-coder';

/**
 * The coder's display name the user codes as, kept in this browser profile (each reviewer
 * works on their own machine). Empty: the unattributed (consensus) layer.
 */
export function useCoder(): [string, (name: string) => void] {
  const [coder, setCoderState] = useState(() => localStorage.getItem(CODER_KEY) ?? '');
  const setCoder = useCallback((name: string) => {
    localStorage.setItem(CODER_KEY, name);
    setCoderState(name);
  }, []);
  return [coder, setCoder];
}

/** The request field for the coder: left out when empty. */
export function coderField(coder: string): { coder?: string } {
  return coder.trim() ? { coder: coder.trim() } : {};
}

/**
 * Binds Ctrl/Cmd+Z (undo) and Ctrl/Cmd+Shift+Z or Ctrl+Y (redo) while the section is shown,
 * except inside a text field (where the browser's own text undo belongs). `after` runs with
 * the new history state so the section reloads and can say what was undone.
 */
export function useHistoryKeys(after: (state: HistoryState, which: 'undo' | 'redo') => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const key = e.key.toLowerCase();
      const redo = (key === 'z' && e.shiftKey) || key === 'y';
      if (key !== 'z' && !redo) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
      e.preventDefault();
      const which = redo ? 'redo' : 'undo';
      void api.result(redo ? 'history:redo' : 'history:undo', {}).then((r) => r.ok && after(r.value, which));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [after]);
}

/** "Undid: Merge code" / "Nothing to undo" for the status line. */
export function historyMessage(state: HistoryState, which: 'undo' | 'redo'): string {
  if (!state.applied) return which === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.';
  return `${which === 'undo' ? 'Undid' : 'Redid'}: ${state.applied}.`;
}

/** A kind's colour, or the code's own. */
export function codeColor(code: { kind: string; color: string | null }, kinds: readonly CodeKind[]): string {
  return code.color ?? kinds.find((k) => k.id === code.kind)?.color ?? '#868e96';
}
