/**
 * Small controls of the reader's toolbar and side panel: the highlight colour swatches (one
 * radio group: one Tab stop, the arrow keys move and choose) and the legend of code kinds with
 * the "colour by kind" switch. Data in, callbacks out.
 */
import { useRef } from 'react';
import type { CodeKind } from '../../../shared/coding/types';

/** Highlight colours offered in the toolbar; the first is the default. */
export const HIGHLIGHT_COLORS = [
  { color: '#ffd43b', name: 'Yellow' },
  { color: '#8ce99a', name: 'Green' },
  { color: '#74c0fc', name: 'Blue' },
  { color: '#faa2c1', name: 'Pink' },
] as const;

/**
 * The swatches as a WAI-ARIA radio group: only the checked swatch is in the Tab order; ←/→
 * (and ↑/↓) move the choice and the focus together, Home/End go to the ends.
 */
export function ColorChoices({ color, onChange }: { color: string; onChange: (color: string) => void }) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const index = Math.max(0, HIGHLIGHT_COLORS.findIndex((c) => c.color === color));
  const go = (i: number) => {
    const n = HIGHLIGHT_COLORS.length;
    const next = ((i % n) + n) % n;
    onChange(HIGHLIGHT_COLORS[next]!.color);
    refs.current[next]?.focus();
  };
  return (
    <span
      className="color-picker"
      role="radiogroup"
      aria-label="Highlight colour"
      onKeyDown={(e) => {
        if (e.key === 'ArrowRight' || e.key === 'ArrowDown') go(index + 1);
        else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') go(index - 1);
        else if (e.key === 'Home') go(0);
        else if (e.key === 'End') go(HIGHLIGHT_COLORS.length - 1);
        else return;
        e.preventDefault();
        e.stopPropagation();
      }}
    >
      {HIGHLIGHT_COLORS.map((c, i) => (
        <button
          key={c.color}
          ref={(b) => void (refs.current[i] = b)}
          type="button"
          role="radio"
          aria-checked={i === index}
          tabIndex={i === index ? 0 : -1}
          aria-label={c.name}
          title={`${c.name} highlights (arrow keys choose)`}
          className={`color-choice${i === index ? ' active' : ''}`}
          style={{ backgroundColor: c.color }}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onChange(c.color)}
        />
      ))}
    </span>
  );
}

/** The code kinds with their colours, and the switch between kind colours and the highlights' own. */
export function KindLegend({ kinds, byKind, onByKind, used }: { kinds: readonly CodeKind[]; byKind: boolean; onByKind: (on: boolean) => void; used: ReadonlySet<string> }) {
  const shown = [...kinds].sort((a, b) => a.sort - b.sort).filter((k) => used.has(k.id) || ['context', 'mechanism-resource', 'mechanism-response', 'outcome'].includes(k.id));
  return (
    <div className="kind-legend" aria-label="Code kinds">
      <label className="kind-toggle" title="Draw coded passages in their latest code's kind colour, or in the highlight colour chosen when they were made">
        <input type="checkbox" checked={byKind} onChange={(e) => onByKind(e.target.checked)} /> Colour by kind
      </label>
      <ul>
        {shown.map((k) => (
          <li key={k.id} className={used.has(k.id) ? '' : 'unused'} title={used.has(k.id) ? `${k.label}: used in this document` : `${k.label}: not used in this document yet`}>
            <span className="kind-swatch" style={{ backgroundColor: k.color }} aria-hidden="true" />
            {k.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
