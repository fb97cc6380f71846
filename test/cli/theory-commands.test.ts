import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp';
import { json, run, SLOW } from './cli-helpers';

const tempDir = useTempDir();

describe('realist export --what theory|refinement', { timeout: SLOW }, () => {
  it('exports the demo’s refined theory as JSON and SVG, and the refinement from initial to refined', async () => {
    const dir = tempDir();
    const project = path.join(dir, 'demo.realist');
    expect((await run('demo', project)).code).toBe(0);

    const t = await run('export', project, '--what', 'theory', '--version', 'Refined', '--format', 'json', '--out', path.join(dir, 't.json'), '--json');
    expect(t.code, t.stderr).toBe(0);
    expect(json<{ version: string; path: string }>(t)).toMatchObject({ version: 'refined', path: path.join(dir, 't.json') });
    const theory = JSON.parse(fs.readFileSync(path.join(dir, 't.json'), 'utf8')) as { version: string; nodes: Array<{ kind: string }>; cmocs: unknown[] };
    expect(theory.version).toBe('refined');
    // The demo's refined theory: the six configurations agreed in consensus.
    expect(theory.cmocs).toHaveLength(6);
    expect(new Set(theory.nodes.map((n) => n.kind)).has('context')).toBe(true);

    // Without --version: the newest version, which in the demo is the refined one.
    const svg = await run('export', project, '--what', 'theory', '--format', 'svg', '--out', path.join(dir, 't.svg'));
    expect(svg.code, svg.stderr).toBe(0);
    expect(svg.stdout).toContain('program theory "refined" as svg');
    expect(fs.readFileSync(path.join(dir, 't.svg'), 'utf8')).toMatch(/^<\?xml|^<svg/);

    const r = await run('export', project, '--what', 'refinement', '--from', 'initial', '--to', 'refined', '--format', 'json', '--out', path.join(dir, 'r.json'));
    expect(r.code, r.stderr).toBe(0);
    const refinement = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8')) as { from: string; to: string; changes: Array<{ kind: string }> };
    expect([refinement.from, refinement.to]).toEqual(['initial', 'refined']);
    expect(new Set(refinement.changes.map((c) => c.kind))).toEqual(new Set(['kept', 'modified', 'split', 'merged', 'dropped', 'added']));
  });

  it('names the versions there are when one is unknown, and refuses options of the other export', async () => {
    const dir = tempDir();
    const project = path.join(dir, 'demo.realist');
    expect((await run('demo', project)).code).toBe(0);
    const unknown = await run('export', project, '--what', 'theory', '--version', 'final', '--format', 'svg', '--out', path.join(dir, 'x.svg'));
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('No program theory version called "final"; the versions are "initial", "iteration 1", "refined"');
    expect(fs.existsSync(path.join(dir, 'x.svg'))).toBe(false);
    const mixed = await run('export', project, '--what', 'cmocs', '--format', 'csv', '--version', 'refined', '--out', path.join(dir, 'c.csv'));
    expect(mixed.code).not.toBe(0);
    expect(mixed.stderr).toContain('--version belongs to the theory and refinement exports');
    const graphml = await run('export', project, '--what', 'refinement', '--from', 'initial', '--to', 'refined', '--format', 'graphml', '--out', path.join(dir, 'r.graphml'));
    expect(graphml.code).not.toBe(0);
    expect(graphml.stderr).toContain('a refinement exports as svg, png, pdf or json');
  });
});
