/**
 * Which layer the CMOC table shows: the consensus layer by default once the project has
 * consensus CMOCs (what the team agreed is what the synthesis reports), else every layer; or
 * one coder's own. Kept here, apart from the CMOC table, so that table stays one small edit.
 */
import { useEffect, useState } from 'react';
import type { Coder } from '../../../../shared/coders/types';
import { api } from '../../api';

/** `layer`: null while the default is being found, '' for every layer, else a coders row id. */
export function useLayerFilter(): { layer: string | null; setLayer: (layer: string) => void; coders: Coder[] } {
  const [layer, setLayer] = useState<string | null>(null);
  const [coders, setCoders] = useState<Coder[]>([]);
  useEffect(() => {
    void Promise.all([api.result('coders:list', {}), api.result('cmocs:list', { layer: 'consensus' })]).then(([c, m]) => {
      if (c.ok) setCoders(c.value);
      setLayer(m.ok && m.value.length > 0 ? 'consensus' : '');
    });
  }, []);
  return { layer, setLayer, coders };
}

export function LayerSelect({ layer, setLayer, coders }: { layer: string | null; setLayer: (layer: string) => void; coders: Coder[] }) {
  const people = coders.filter((c) => c.kind === 'person');
  return (
    <label>
      Layer
      <select aria-label="Filter by layer" value={layer ?? ''} onChange={(e) => setLayer(e.target.value)}>
        <option value="consensus">Consensus</option>
        <option value="">All layers</option>
        {people.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}
