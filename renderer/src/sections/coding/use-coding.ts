/**
 * Hooks the coding sections share: the codebook (kinds and codes with counts) loaded once and
 * reloaded after a change, and a section's reaction to undo and redo (bound once for the
 * whole window in ../../history.ts).
 */
import { useCallback, useEffect, useState } from 'react';
import type { CodeKind, CodeSummary } from '../../../../shared/coding/types';
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

/** A kind's colour, or the code's own. */
export function codeColor(code: { kind: string; color: string | null }, kinds: readonly CodeKind[]): string {
  return code.color ?? kinds.find((k) => k.id === code.kind)?.color ?? '#868e96';
}
