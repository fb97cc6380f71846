/**
 * Undo and redo for the whole window: one binding of Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z (or
 * Ctrl+Y), outside text fields (where the browser's own text undo belongs), calling the
 * services' one change log. Every section that shows project data listens with
 * `useHistoryListener` and reloads after an undo or redo, whatever kind of change it was.
 */
import { useEffect, useRef } from 'react';
import type { HistoryState } from '../../shared/history/types';
import { api } from './api';

/** `change`: the project changed in a way every view should reload for (blind coding, a layer switch). */
export type HistoryListener = (state: HistoryState, which: 'undo' | 'redo' | 'change') => void;

const listeners = new Set<HistoryListener>();

/** Runs undo or redo and tells every listener; the error message when it was refused. */
export async function runHistory(which: 'undo' | 'redo'): Promise<{ state: HistoryState } | { error: string }> {
  const r = await api.result(which === 'undo' ? 'history:undo' : 'history:redo', {});
  if (!r.ok) return { error: r.error.message };
  for (const l of [...listeners]) l(r.value, which);
  return { state: r.value };
}

/** Tells listeners that the project changed outside undo/redo (nothing to undo here). */
export function notifyChanged(state: HistoryState): void {
  for (const l of [...listeners]) l(state, 'change');
}

/** Calls `listener` after every undo or redo while the component is mounted. */
export function useHistoryListener(listener: HistoryListener): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => {
    const l: HistoryListener = (s, w) => ref.current(s, w);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
}

/** Whether a key event is undo / redo (outside a text field); null otherwise. */
export function historyKey(e: KeyboardEvent): 'undo' | 'redo' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  const redo = (key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey);
  if (key !== 'z' && !redo) return null;
  const t = e.target as HTMLElement | null;
  if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return null;
  return redo ? 'redo' : 'undo';
}

/** "Undid: Merge code" / "Nothing to undo" for a status line. */
export function historyMessage(state: HistoryState, which: 'undo' | 'redo' | 'change'): string {
  if (which === 'change') return '';
  if (!state.applied) return which === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.';
  return `${which === 'undo' ? 'Undid' : 'Redid'}: ${state.applied}.`;
}
