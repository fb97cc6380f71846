/**
 * A passage's codes as chips: the kind's colour, the code's name and the coder's initials in
 * the coder's colour (CoderChip); a × removes a code given in the current layer (one action,
 * undone by Ctrl+Z). Used by the highlight cards of the side panel and by the popover that a
 * highlight shows in the text. Data in, callbacks out.
 */
import { CoderChip } from '../components/coder-session';
import type { StripeCode } from './coding-stripe';

/** A code on a passage as a chip shows it. */
export interface ChipCode extends StripeCode {
  /** The coder who gave it, for the initials chip. */
  coderChip: { name: string; initials: string; color: string } | null;
  /** Whether the × is offered: the code was given in the layer the user now writes to. */
  removable: boolean;
}

/** The chips of one passage; `onRemove` left out: no × (the popover in the text). */
export function CodeChips({ codes, onRemove, label = 'Codes of this passage' }: { codes: readonly ChipCode[]; onRemove?: (code: ChipCode) => void; label?: string }) {
  if (codes.length === 0) return null;
  return (
    <ul className="code-chips" aria-label={label}>
      {codes.map((c, i) => (
        <li key={`${c.codeId}-${c.coderChip?.name ?? ''}-${i}`} className="code-chip" style={{ borderColor: c.color }} title={`${c.name}${c.kindLabel ? ` (${c.kindLabel})` : ''}${c.coder ? `, coded by ${c.coder}` : ''}`}>
          <span className="code-chip-kind" style={{ backgroundColor: c.color }} aria-hidden="true" />
          <span className="code-chip-name">{c.name}</span>
          {c.coderChip && <CoderChip coder={c.coderChip} />}
          {c.coder && <span className="visually-hidden">, coded by {c.coder}</span>}
          {onRemove && c.removable && (
            <button type="button" className="code-chip-remove" aria-label={`Remove code “${c.name}” from this passage`} title="Remove this code from the passage (Ctrl+Z brings it back)" onClick={() => onRemove(c)}>
              ×
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
