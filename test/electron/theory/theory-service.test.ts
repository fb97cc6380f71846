/**
 * Program theory on a real project file through the one dispatcher: versions built from the
 * consensus layer or a coder's, hypotheses written, pasted and imported (a bad CSV row reported
 * with its line, the rest imported), every step one undo step, the refinement mapping proposed,
 * checked and saved, the demo's story, and the exports (JSON shapes, PNG resolution, PDF text,
 * files never written over).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiService, type ApiService } from '../../../electron/services/api-service';
import { LATEST_SCHEMA_VERSION } from '../../../electron/services/store/migrations';
import { exportScene } from '../../../electron/services/theory/theory-export';
import { theoryServiceFor } from '../../../electron/services/theory/theory-service';
import { openDemo } from '../../helpers/demo';

let dir: string;
let api: ApiService;

async function project(): Promise<ApiService> {
  const svc = createApiService({ transport: 'web', configDir: path.join(dir, 'config'), projectsDir: dir, appVersion: 'test' });
  await svc.call('project:create', { path: path.join(dir, 'p.realist'), name: 'Theory test' });
  await svc.call('session:setCoder', { name: 'Lead', create: true });
  return svc;
}

async function code(svc: ApiService, name: string, kind: string): Promise<string> {
  return (await svc.call('codes:create', { name, kind })).id;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realist-theory-'));
});
afterEach(() => {
  api?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('theory versions', () => {
  it('builds a version from the consensus CMOCs by default, with their codes as parts and their evidence live', async () => {
    api = await project();
    expect(api.store!.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    const c = await code(api, 'Multiple chronic conditions', 'context');
    const o = await code(api, 'Fewer emergency visits', 'outcome');
    await api.call('session:setLayer', { layer: 'consensus' });
    const created = await api.call('cmocs:create', { label: 'CMOC 1', codes: [{ codeId: c, role: 'context' }, { codeId: o, role: 'outcome' }] });
    await api.call('session:setLayer', { layer: 'own' });
    await api.call('cmocs:create', { label: 'Mine only', codes: [{ codeId: o, role: 'outcome' }] });

    const v = await api.call('theory:create', { label: 'refined', stage: 'refined' });
    expect(v.basis).toBe('layer:consensus');
    expect(v.cmocs.map((x) => [x.label, x.origin, x.sourceCmocId, x.parts.map((p) => [p.role, p.text, p.codeId])])).toEqual([
      ['CMOC 1', 'coded', created.id, [['context', 'Multiple chronic conditions', c], ['outcome', 'Fewer emergency visits', o]]],
    ]);
    expect(v.cmocs[0]!.statement).toBe('If multiple chronic conditions, then fewer emergency visits.');

    // One coder's layer instead.
    const lead = api.store!.session.coderId!;
    const mine = await api.call('theory:create', { label: 'lead draft', stage: 'intermediate', from: { kind: 'layer', layer: lead } });
    expect(mine.cmocs.map((x) => x.label)).toEqual(['Mine only']);
    await expect(api.call('theory:create', { label: 'REFINED', stage: 'refined' })).rejects.toThrow('A version named "REFINED" already exists');
  });

  it('writes hypotheses directly, reads their parts and ties them to codes by name; each step is one undo', async () => {
    api = await project();
    const trust = await code(api, 'Trust in the case manager', 'mechanism-response');
    const v = await api.call('theory:create', { label: 'initial', stage: 'initial', from: { kind: 'empty' } });
    const h = await api.call('theory:addCmoc', { versionId: v.id, statement: 'If patients were sent from service to service, then they feel less distressed, because an accessible nurse leads to trust in the case manager.', origin: 'stakeholder', provenance: 'Workshop' });
    expect(h.label).toBe('H1');
    expect(h.parts.map((p) => [p.role, p.codeId === trust ? 'code' : p.text])).toEqual([
      ['context', 'Patients were sent from service to service'],
      ['mechanism-resource', 'An accessible nurse'],
      ['mechanism-response', 'code'],
      ['outcome', 'They feel less distressed'],
    ]);
    expect(h.evidence).toMatchObject({ supporting: 0, refuting: 0, documents: 0, rigour: null });
    expect((await api.call('theory:get', { id: v.id })).cmocs).toHaveLength(1);
    await api.call('history:undo', {});
    expect((await api.call('theory:get', { id: v.id })).cmocs).toHaveLength(0);
    await api.call('history:undo', {});
    expect(await api.call('theory:list', {})).toEqual([]);
    await api.call('history:redo', {});
    await api.call('history:redo', {});
    expect((await api.call('theory:get', { id: v.id })).cmocs.map((x) => x.label)).toEqual(['H1']);
  });

  it('imports a CSV as one action: a malformed row is reported with its line and the rest imports', async () => {
    api = await project();
    const v = await api.call('theory:create', { label: 'initial', stage: 'initial', from: { kind: 'empty' } });
    const csv = 'label,context,mechanism,outcome\nH1,Isolated patients,a direct line makes them feel secure,Less distress\nH2,,,\nH3,Rural,of home visits,Fewer admissions\n';
    const r = await api.call('theory:import', { versionId: v.id, format: 'csv', text: csv });
    expect(r.imported).toBe(2);
    expect(r.errors).toEqual([{ line: 3, message: 'the row has neither a statement nor an outcome' }]);
    const after = await api.call('theory:get', { id: v.id });
    expect(after.cmocs.map((c) => [c.label, c.origin, c.parts.length])).toEqual([
      ['H1', 'imported', 4],
      ['H3', 'imported', 3],
    ]);
    const state = await api.call('history:undo', {});
    expect(state.applied).toBe('Import 2 configurations into "initial"');
    expect((await api.call('theory:get', { id: v.id })).cmocs).toEqual([]);
    await expect(api.call('theory:import', { versionId: v.id, format: 'lines', text: 'x'.repeat(2_000_001) })).rejects.toThrow('longer than 2 MB');
  });

  it('refuses a mapping whose changes do not fit their kinds, and saves a good one as one action', async () => {
    api = await project();
    const a = await api.call('theory:create', { label: 'a', stage: 'initial', from: { kind: 'empty' } });
    await api.call('theory:import', { versionId: a.id, format: 'lines', text: 'If A, then B, because C.\nIf D, then E, because F.' });
    const b = await api.call('theory:create', { label: 'b', stage: 'refined', from: { kind: 'version', versionId: a.id } });
    const [a1, a2] = (await api.call('theory:get', { id: a.id })).cmocs;
    const [b1, b2] = b.cmocs;
    const proposal = await api.call('theory:mapping', { fromId: a.id, toId: b.id });
    expect(proposal.stored).toBe(false);
    expect(proposal.changes.map((c) => [c.kind, c.fromCmocIds, c.toCmocIds])).toEqual([
      ['kept', [a1!.id], [b1!.id]],
      ['kept', [a2!.id], [b2!.id]],
    ]);
    await expect(api.call('theory:saveMapping', { fromId: a.id, toId: b.id, changes: [{ kind: 'merged', fromCmocIds: [a1!.id], toCmocIds: [b1!.id] }] })).rejects.toThrow(
      'The mapping cannot be saved: Change 1 (merged): takes 1 earlier and 1 later configuration(s), which is not a merged change (two or more earlier, one later).',
    );
    const saved = await api.call('theory:saveMapping', {
      fromId: a.id,
      toId: b.id,
      changes: [
        { kind: 'merged', fromCmocIds: [a1!.id, a2!.id], toCmocIds: [b1!.id], rationale: 'One mechanism.' },
        { kind: 'added', fromCmocIds: [], toCmocIds: [b2!.id], rationale: 'New.' },
      ],
    });
    expect(saved.stored).toBe(true);
    expect(saved.changes.map((c) => [c.kind, c.status, c.rationale])).toEqual([
      ['merged', 'confirmed', 'One mechanism.'],
      ['added', 'confirmed', 'New.'],
    ]);
    await api.call('history:undo', {});
    expect((await api.call('theory:mapping', { fromId: a.id, toId: b.id })).stored).toBe(false);
  });
});

describe('the demo’s program theory', () => {
  it('tells initial → iteration 1 → refined, with a saved mapping of all six kinds, rationales and evidence', async () => {
    const demo = await openDemo(dir);
    api = demo.api;
    const versions = await api.call('theory:list', {});
    expect(versions.map((v) => [v.label, v.stage, v.cmocCount, v.basis.split(':')[0]])).toEqual([
      ['initial', 'initial', 6, 'empty'],
      ['iteration 1', 'intermediate', 7, 'version'],
      ['refined', 'refined', 6, 'layer'],
    ]);
    const [initial, , refined] = versions;
    const initialCmocs = (await api.call('theory:get', { id: initial!.id })).cmocs;
    // Hypotheses: some with a first piece of evidence, some with none yet.
    expect(initialCmocs.filter((c) => c.evidence.supporting > 0).map((c) => c.label)).toEqual(['H1 Reachable nurse', 'H2 Trust']);
    expect(initialCmocs.filter((c) => c.origin === 'stakeholder')).toHaveLength(3);
    // The refined version is the consensus layer's CMOCs.
    const consensus = await api.call('cmocs:list', { layer: 'consensus' });
    expect(consensus).toHaveLength(6);
    const m = await api.call('theory:mapping', { fromId: initial!.id, toId: refined!.id });
    expect(m.stored).toBe(true);
    expect(m.changes.map((c) => c.kind)).toEqual(['kept', 'modified', 'split', 'merged', 'dropped', 'added']);
    expect(m.changes.every((c) => c.rationale.length > 20 && c.evidence.length > 0)).toBe(true);
    expect(m.unmappedFrom).toEqual([]);
    expect(m.unmappedTo).toEqual([]);
    // The app's own proposal finds the same six kinds from the shared codes.
    const proposal = await api.call('theory:mapping', { fromId: initial!.id, toId: refined!.id, propose: true });
    expect(proposal.changes.map((c) => [c.kind, c.fromCmocIds.length, c.toCmocIds.length])).toEqual([
      ['kept', 1, 1],
      ['modified', 1, 1],
      ['split', 1, 2],
      ['merged', 2, 1],
      ['dropped', 1, 0],
      ['added', 0, 1],
    ]);
    const story = await api.call('theory:story', {});
    expect(story.steps.map((s) => [s.stored, s.changes.length])).toEqual([
      [true, 6],
      [true, 7],
    ]);
    // Evidence behind CMOC 1 (agreed), kept from Reviewer A's CMOC 1 at reconciliation: three
    // supporting passages, the refuting case and the refining finding, from three documents.
    const r1 = story.versions[2]!.cmocs.find((c) => c.label === 'CMOC 1 (agreed)')!;
    const quotes = await api.call('theory:evidence', { cmocIds: [r1.id] });
    expect(quotes.map((q) => q.quote)).toContain('This year I went to the emergency twice; last year it was more like eight times.');
    expect(quotes).toHaveLength(5);
    expect(quotes.find((q) => q.role === 'refutes')?.quote).toMatch(/^One patient with severe mental illness never engaged/);
    expect(r1.evidence).toMatchObject({ supporting: 3, refuting: 1, refining: 1, documents: 3 });
  });

  it('exports the theory and the refinement in every format the command line offers', async () => {
    const demo = await openDemo(dir);
    api = demo.api;
    const [initial, , refined] = await api.call('theory:list', {});
    const out = (name: string) => path.join(dir, name);

    const json = await api.call('theory:export', { what: 'theory', versionId: refined!.id, format: 'json', path: out('t.json') });
    const doc = JSON.parse(fs.readFileSync(json.path!, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['version', 'nodes', 'edges', 'cmocs']);
    expect(doc.version).toBe('refined');
    expect((doc.cmocs as unknown[]).length).toBe(6);
    const ref = JSON.parse(fs.readFileSync((await api.call('theory:export', { what: 'refinement', fromId: initial!.id, toId: refined!.id, format: 'json', path: out('r.json') })).path!, 'utf8')) as {
      from: string;
      to: string;
      changes: Array<Record<string, unknown>>;
    };
    expect([ref.from, ref.to]).toEqual(['initial', 'refined']);
    expect(Object.keys(ref.changes[0]!)).toEqual(['kind', 'fromCmocIds', 'toCmocIds', 'rationale']);

    // PNG at 300 dpi: the pixels are the diagram's CSS size × 300/96, and the file says 300 dpi.
    const png = await api.call('theory:export', { what: 'theory', versionId: refined!.id, format: 'png', dpi: 300, path: out('t.png') });
    const { scene } = exportScene(theoryServiceFor(api.store!), { what: 'theory', versionId: refined!.id, style: 'colour' }, api.store!.summary().name);
    const bytes = fs.readFileSync(png.path!);
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([Math.round((scene.width * 300) / 96), Math.round((scene.height * 300) / 96)]);
    const phys = bytes.indexOf(Buffer.from('pHYs'));
    expect(phys).toBeGreaterThan(0);
    expect([bytes.readUInt32BE(phys + 4), bytes.readUInt32BE(phys + 8), bytes[phys + 12]]).toEqual([11811, 11811, 1]);

    // PDF: a real PDF whose text can be extracted (text stays text).
    const pdf = await api.call('theory:export', { what: 'theory', versionId: refined!.id, format: 'pdf', style: 'print', path: out('t.pdf') });
    expect(fs.readFileSync(pdf.path!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (fs.existsSync('/usr/bin/pdftotext')) {
      const text = execFileSync('/usr/bin/pdftotext', [pdf.path!, '-'], { encoding: 'utf8' });
      expect(text).toContain('Trust in the case manager');
      expect(text).toContain('Version: refined');
    }

    const mermaid = await api.call('theory:export', { what: 'theory', versionId: refined!.id, format: 'mermaid' });
    expect(Buffer.from(mermaid.contentBase64!, 'base64').toString('utf8')).toContain('flowchart LR');
    expect(mermaid.path).toBeNull();
    expect(mermaid.fileName).toBe('Case management for frequent users (demo) - theory refined.mmd');

    // Never over an existing file unasked, never over a project.
    await expect(api.call('theory:export', { what: 'theory', versionId: refined!.id, format: 'svg', path: out('t.json') })).rejects.toThrow('A file already exists');
    await expect(api.call('theory:export', { what: 'theory', versionId: refined!.id, format: 'svg', path: api.store!.path, overwrite: true })).rejects.toThrow('over a project file');
    await expect(api.call('theory:export', { what: 'refinement', fromId: initial!.id, toId: refined!.id, format: 'graphml' })).rejects.toThrow('a refinement exports as svg, png, pdf or json');
    await expect(api.call('theory:export', { what: 'refinement', fromId: initial!.id, toId: refined!.id, format: 'png', dpi: 1200 })).rejects.toThrow(/megapixel limit\. Choose \d+ dpi or less/);
  });
});
