/**
 * Undo and redo of coding actions from the keyboard: Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z and
 * Ctrl+Y redo. Keys typed in a text field are left to the field's own undo.
 */
import { useCallback, useEffect, useState } from 'react';
import type { HistoryState } from '../../../../shared/coding/types';
import { api } from '../../api';

export function useHistory(onChange: () => void): { state: HistoryState | null; undo: () => void; redo: () => void; message: string | null } {
  const [state, setState] = useState<HistoryState | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const travel = useCallback(
    (channel: 'history:undo' | 'history:redo') => {
      void api.result(channel, {}).then((r) => {
        if (!r.ok) {
          setMessage(r.error.message);
          return;
        }
        setState(r.value);
        setMessage(r.value.applied ? `${channel === 'history:undo' ? 'Undone' : 'Redone'}: ${r.value.applied}` : `Nothing to ${channel === 'history:undo' ? 'undo' : 'redo'}.`);
        onChange();
      });
    },
    [onChange],
  );
  const undo = useCallback(() => travel('history:undo'), [travel]);
  const redo = useCallback(() => travel('history:redo'), [travel]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  return { state, undo, redo, message };
}
