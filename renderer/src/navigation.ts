/**
 * One small way for a part of the UI to send the user somewhere else: `navigate(target)`
 * switches the project window to `target.section` and tells that section what to show
 * (a document and an excerpt in it, a code, a CMOC). The project view listens with
 * `useSectionNavigation`; a section that is mounted BY the switch reads the target it was
 * opened for with `takeNavigation(sectionId)` on mount (the event fired before it existed),
 * and a section that is already mounted listens with `onNavigate`.
 *
 * Kept as a module-level emitter rather than React context so that any component (the code
 * view, the search box, the reader) can call it without threading props through the tree.
 */
import { useEffect } from 'react';

export interface NavigationTarget {
  /** A section id from ./sections (documents, codebook, cmocs, library...). */
  section: string;
  documentId?: string;
  excerptId?: string;
  /** A page (0-based) to scroll to when there is no excerpt. */
  pageIndex?: number;
  codeId?: string;
  cmocId?: string;
  recordId?: string;
  memoId?: string;
}

type Listener = (target: NavigationTarget) => void;

const listeners = new Set<Listener>();
let pending: NavigationTarget | null = null;

/** Sends the user to `target`; the last target stays pending until its section takes it. */
export function navigate(target: NavigationTarget): void {
  pending = target;
  for (const l of [...listeners]) l(target);
}

/** Calls `listener` on every navigation; returns the function that stops listening. */
export function onNavigate(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The pending target for `section`, once: a section calls it when it mounts. */
export function takeNavigation(section: string): NavigationTarget | null {
  if (!pending || pending.section !== section) return null;
  const t = pending;
  pending = null;
  return t;
}

/** For the project view: switches section on every navigation. */
export function useSectionNavigation(setSection: (id: string) => void): void {
  useEffect(() => onNavigate((t) => setSection(t.section)), [setSection]);
}

/**
 * For a section: calls `show` with the target it was opened for (on mount) and with every
 * later navigation to it while it stays mounted.
 */
export function useNavigationTarget(section: string, show: (target: NavigationTarget) => void): void {
  useEffect(() => {
    const first = takeNavigation(section);
    if (first) show(first);
    return onNavigate((t) => {
      if (t.section !== section) return;
      if (pending === t) pending = null;
      show(t);
    });
    // `show` is read once per mount on purpose: the section id never changes.
  }, [section]);
}
