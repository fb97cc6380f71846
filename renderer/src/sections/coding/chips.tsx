/**
 * Small display pieces of the coding screens: a code as a coloured chip (the colour says its
 * kind), and a page number as people cite it (1-based).
 */
import type { CodeKind } from '../../../../shared/coding/types';

/** A code name on its kind's colour; `onRemove` adds a × button. */
export function CodeChip({ name, color, title, onRemove }: { name: string; color: string; title?: string; onRemove?: () => void }) {
  return (
    <span className="chip" style={{ borderColor: color, background: `${color}1f` }} title={title ?? name}>
      <span className="chip-dot" style={{ background: color }} />
      {name}
      {onRemove && (
        <button className="chip-x" aria-label={`Remove ${name}`} onClick={onRemove}>
          ×
        </button>
      )}
    </span>
  );
}

/** The kind's label, or its id when the kind was removed from the set. */
export function kindLabel(kinds: readonly CodeKind[], id: string): string {
  return kinds.find((k) => k.id === id)?.label ?? id;
}

/** "p. 3" for page index 2; empty for a text without pages. */
export function pageLabel(pageIndex: number | null): string {
  return pageIndex === null ? '' : `p. ${pageIndex + 1}`;
}
