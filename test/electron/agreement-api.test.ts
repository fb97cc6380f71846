/**
 * `agreement:compute` through the one dispatcher every transport uses: validation on arrival,
 * errors as data, no open project needed.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiService } from '../../electron/services/api-service';
import { useTempDir } from '../helpers/temp';

const tempDir = useTempDir();

function service() {
  const dir = tempDir();
  return createApiService({ transport: 'web', configDir: path.join(dir, 'config'), projectsDir: path.join(dir, 'projects'), appVersion: '0.0.0' });
}

describe('agreement:compute', () => {
  it('computes from the neutral input without an open project', async () => {
    const api = service();
    // Cohen (1960, p. 45): κ = .492.
    const ratings: number[][] = [];
    const cells: [number, number, number][] = [[88, 1, 1], [14, 1, 2], [18, 1, 3], [10, 2, 1], [40, 2, 2], [10, 2, 3], [2, 3, 1], [6, 3, 2], [12, 3, 3]];
    for (const [n, a, b] of cells) for (let i = 0; i < n; i++) ratings.push([a, b]);
    const result = await api.dispatch('agreement:compute', { input: { kind: 'ratings', level: 'nominal', coders: ['A', 'B'], ratings } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const out = result.value as { statistics: Record<string, number | null>; undefined: unknown[] };
    expect(out.statistics.cohen_kappa).toBeCloseTo(0.492, 3);
    expect(out.statistics.percent_agreement).toBeCloseTo(0.7, 12);
    expect(out.undefined).toEqual([]);
    api.close();
  });

  it('answers a bad input as a VALIDATION error naming the problem', async () => {
    const api = service();
    const result = await api.dispatch('agreement:compute', { input: { kind: 'ratings', level: 'nominal', coders: ['A', 'B'], categories: ['yes', 'no'], ratings: [['yes', 'maybe']] } });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (result.ok) return;
    expect(result.error.message).toContain('input.ratings.0.1: unit 1, coder "B": "maybe" is not one of the declared categories');
    expect(await api.dispatch('agreement:compute', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    api.close();
  });

  it('returns the span report with undefined statistics listed', async () => {
    const api = service();
    const value = await api.call('agreement:compute', {
      input: { kind: 'spans', coders: ['A', 'B'], documents: [{ id: 'd1', length: 40, spans: { A: [{ start: 0, end: 10, code: 'trust' }], B: [{ start: 0, end: 10, code: 'trust' }] } }, { id: 'd2', length: 40, spans: {} }] },
    });
    expect(value.byCode.trust!.byDocument.d1!.char_kappa).toBe(1);
    expect(value.byCode.trust!.byDocument.d2!.char_kappa).toBeNull();
    expect(value.undefined.filter((u) => u.scope === '/byCode/trust/byDocument/d2').map((u) => u.statistic).sort()).toEqual(['char_alpha', 'char_kappa', 'u_alpha_binary']);
    api.close();
  });
});
