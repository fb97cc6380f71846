/**
 * A statistic as the Agreement section prints it: the value, or "undefined" with its reason,
 * never 0 in its place. In tables the reason goes to a numbered note under the table
 * (`useNotes`), so columns stay narrow; cards print it in full.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { Figure } from '../../../../shared/agreement/project-types';
import { formatValue, type FigureInfo } from '../../../../shared/agreement/figures';

/** Numbered reasons of a table's undefined cells. */
export class NoteList {
  readonly reasons: string[] = [];
  ref(reason: string): number {
    const i = this.reasons.indexOf(reason);
    return i >= 0 ? i + 1 : this.reasons.push(reason);
  }
}

const NotesContext = createContext<NoteList | null>(null);

/** Gives the cells inside a table a shared list of notes. */
export function NotesProvider({ notes, children }: { notes: NoteList; children: ReactNode }) {
  return <NotesContext.Provider value={notes}>{children}</NotesContext.Provider>;
}

/** The notes under a table: "1. undefined: <reason>". */
export function Notes({ notes, label }: { notes: NoteList; label: string }) {
  if (notes.reasons.length === 0) return null;
  return (
    <ol className="agreement-notes" aria-label={label}>
      {notes.reasons.map((r) => (
        <li key={r}>undefined: {r}</li>
      ))}
    </ol>
  );
}

/** A value cell's content: the number, or "undefined" with a note (or the reason inline when there is no note list). */
export function FigureValue({ figure, format, inline = false }: { figure: Figure | null; format: FigureInfo['format']; inline?: boolean }) {
  const notes = useContext(NotesContext);
  if (!figure) return <span className="muted">–</span>;
  if (figure.value !== null) return <span className="figure-value">{formatValue(figure.value, format)}</span>;
  const reason = figure.reason ?? 'undefined';
  if (inline || !notes) return <span className="undef">undefined: {reason}</span>;
  const n = notes.ref(reason);
  return (
    <span className="undef" title={`undefined: ${reason}`} aria-label={`undefined: ${reason}`}>
      undefined<sup>{n}</sup>
    </span>
  );
}
