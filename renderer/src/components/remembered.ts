/**
 * View choices the window remembers between sessions (a pane shown or collapsed): kept in
 * localStorage, which is per browser profile and never part of the project, because they are
 * how one person likes the screen, not data the team shares. Storage that refuses (a private
 * window, a full quota) only means the choice is not remembered.
 */
import { useCallback, useState } from 'react';

/** The keys in use, one per pane, so two screens never share a choice by accident. */
export type RememberedPane = 'library-detail' | 'cmoc-detail' | 'reader-panel' | 'import-summary';

const PREFIX = 'realist-pane-';

function read(key: RememberedPane, fallback: boolean): boolean {
  try {
    const v = localStorage.getItem(PREFIX + key);
    return v === null ? fallback : v === 'open';
  } catch {
    return fallback;
  }
}

/**
 * Whether a pane is open (true) or collapsed (false), starting from the remembered choice or
 * `fallback`; the setter remembers the new choice.
 */
export function useRememberedOpen(key: RememberedPane, fallback = true): [boolean, (next: boolean | ((open: boolean) => boolean)) => void] {
  const [open, setOpen] = useState(() => read(key, fallback));
  const set = useCallback(
    (next: boolean | ((open: boolean) => boolean)) => {
      setOpen((was) => {
        const v = typeof next === 'function' ? next(was) : next;
        try {
          localStorage.setItem(PREFIX + key, v ? 'open' : 'closed');
        } catch {
          // Not remembered; the pane still opens or closes.
        }
        return v;
      });
    },
    [key],
  );
  return [open, set];
}
