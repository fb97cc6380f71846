/**
 * REFI-QDA project archives (.qdpx) through the API: the hand-written sample imports whole,
 * an export validates against the published Project.xsd, a round trip keeps codes, sources,
 * selections and codings, and a bad archive is refused leaving the project unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createApiService, type ApiService } from '../../../electron/services/api-service';
import { fixture, HAVE_FIXTURES } from '../../helpers/fixtures';
import { useTempDir } from '../../helpers/temp';
import { apiAsCoder } from '../../helpers/coder';
import { textPdf } from '../../helpers/text-pdf';

const tempDir = useTempDir();
const LOCAL = { transport: 'local' as const };
const SAMPLE = 'qda/qdpx-toolkit_hand_authored';

async function emptyProject(dir: string, name = 'empty'): Promise<ApiService> {
  const api = createApiService({ transport: 'web', configDir: path.join(dir, 'config'), projectsDir: dir, appVersion: '0.0.0-test' });
  await api.call('project:create', { path: path.join(dir, `${name}.realist`) });
  await apiAsCoder(api, 'Importer');
  return api;
}

/** The sample as another tool would zip it: project.qde at the root and the sources under sources/. */
function zipSample(dir: string, qdeName = 'project.qde', upperCase = false): string {
  let qde = fs.readFileSync(fixture(`${SAMPLE}/project.qde`), 'utf8');
  if (upperCase) qde = qde.replace(/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/g, (g) => g.toUpperCase());
  const txt = fs.readFileSync(fixture(`${SAMPLE}/sources/11111111-1111-1111-1111-111111111111.txt`));
  const out = path.join(dir, 'sample.qdpx');
  fs.writeFileSync(out, zipSync({ [qdeName]: strToU8(qde), 'sources/11111111-1111-1111-1111-111111111111.txt': new Uint8Array(txt) }));
  return out;
}

/** What a project holds, in words a person can compare: codes, sources, selections, codings. */
async function contents(api: ApiService) {
  const codes = (await api.call('codes:list', {})).codes.map((c) => `${c.name}|${c.kind}|${c.color ?? ''}`).sort();
  const docs = (await api.call('documents:list', {})).map((d) => d.fileName).sort();
  const excerpts = (await allExcerpts(api)).map((e) => `${e.quote}|${e.start}-${e.end}|${e.coderName}|${e.codes.map((c) => c.name).sort().join(',')}`).sort();
  const cmocs = (await api.call('cmocs:list', {})).map((c) => `${c.label}|${c.coder}|${c.supporting}/${c.refuting}/${c.refining}|${c.codes.length}`).sort();
  return { codes, docs, excerpts, cmocs };
}

/**
 * The program theory as a person would compare it: each version (label, stage, parent, CMOC
 * count), its CMOC statements and part codes, links, groups, and every stored refinement change
 * with its rationale and evidence count, by labels (ids may differ between projects).
 */
async function theory(api: ApiService) {
  const list = await api.call('theory:list', {});
  const labelOf = new Map(list.map((v) => [v.id, v.label]));
  const versions = [];
  const cmocLabel = new Map<string, string>();
  for (const v of list) {
    const full = await api.call('theory:get', { id: v.id });
    for (const c of full.cmocs) cmocLabel.set(c.id, `${v.label}/${c.label}`);
    versions.push({
      label: v.label,
      stage: v.stage,
      parent: v.parentId ? labelOf.get(v.parentId) : null,
      notes: v.notes,
      cmocs: full.cmocs.map((c) => `${c.label}|${c.statement}|${c.origin}|${c.parts.map((p) => `${p.role}:${p.text}:${p.codeId ? 'code' : ''}`).join(';')}|${c.evidence.supporting}/${c.evidence.refuting}/${c.evidence.refining}/${c.evidence.documents}`),
      links: full.links.map((l) => `${l.kind}:${cmocLabel.get(l.fromCmocId)}>${cmocLabel.get(l.toCmocId)}:${l.note}`),
      groups: full.groups.map((g) => `${g.kind}:${g.name}:${g.cmocIds.map((id) => cmocLabel.get(id)).join(',')}`),
    });
  }
  const changes = [];
  for (const a of list)
    for (const b of list) {
      if (a.id === b.id) continue;
      const m = await api.call('theory:mapping', { fromId: a.id, toId: b.id });
      if (!m.stored) continue;
      for (const c of m.changes) changes.push(`${a.label}>${b.label}|${c.kind}|${c.fromCmocIds.map((id) => cmocLabel.get(id)).join(',')}>${c.toCmocIds.map((id) => cmocLabel.get(id)).join(',')}|${c.rationale}|${c.evidence.length}`);
    }
  return { versions, changes };
}

async function allExcerpts(api: ApiService) {
  const out = [];
  for (const d of await api.call('documents:list', {})) out.push(...(await api.call('excerpts:list', { documentId: d.id })));
  return out;
}

async function validate(qde: string): Promise<{ valid: boolean; errors: string[] }> {
  const { validateXML } = await import('xmllint-wasm');
  const r = await validateXML({ xml: [{ fileName: 'project.qde', contents: qde }], schema: [{ fileName: 'Project.xsd', contents: fs.readFileSync(fixture('qda/schema/Project.xsd'), 'utf8') }] });
  return { valid: r.valid, errors: r.errors.map((e) => e.message) };
}

describe.skipIf(!HAVE_FIXTURES)('REFI-QDA import of the hand-written sample', () => {
  it('imports codes, the user, the text source, both overlapping selections, codings and the note', async () => {
    const dir = tempDir();
    const api = await emptyProject(dir);
    try {
      const before = (await api.call('history:list', { limit: 5 })).total;
      const r = await api.call('qdpx:import', { path: zipSample(dir) });
      expect(r.codes.created).toBe(4);
      expect(r.coders).toEqual({ created: 1, matched: 0 });
      // The text source, and the PDF's text representation (its PDF file is not in the sample).
      expect(r.documents.created).toBe(2);
      expect(r.excerpts).toBe(3);
      expect(r.codings).toBe(3);
      expect(r.memos).toBe(1);
      expect(r.skipped).toMatchObject({ media: 3, cases: 1, variables: 2, graphs: 1 });
      const codes = (await api.call('codes:list', {})).codes;
      const diet = codes.find((c) => c.name === 'Diet')!;
      const health = codes.find((c) => c.name === 'Health')!;
      expect(diet).toMatchObject({ color: '#dc0000', parentId: health.id, description: 'Food and eating habits' });
      expect(codes.find((c) => c.name === 'Topics')!.color).toBeNull();
      const excerpts = await allExcerpts(api);
      const quotes = excerpts.map((e) => `${e.quote}|${e.coderName}`).sort();
      expect(quotes).toEqual(['Diet and health|Researcher A', 'diet and health|Importer', 'health are clo|Researcher A'].sort());
      const memos = await api.call('memos:list', {});
      const note = memos.find((m) => m.targetType === 'excerpt')!;
      expect(note.body).toBe('Remember to follow up on diet-related comments.');
      // The sample's one set ("Diet-related": the code Diet and the source Interview 1.txt) is kept as a memo on the project.
      expect(r.sets).toBe(1);
      const setMemo = memos.find((m) => m.targetType === 'project')!;
      expect(setMemo.body.split('\n')).toEqual([
        'REFI-QDA set “Diet-related” from sample.qdpx (made with refi_qda test fixture): the app keeps sets as memos.',
        'Codes (1): Diet',
        'Sources (1): Interview 1.txt',
      ]);
      expect(memos).toHaveLength(2);
      expect(r.warnings.join('\n')).not.toContain('set(s) were not imported');
      // One action in the change log, and one undo takes it all back.
      expect((await api.call('history:list', { limit: 5 })).total).toBe(before + 1);
      await api.call('history:undo', {});
      expect((await api.call('codes:list', {})).codes).toHaveLength(0);
      expect(await api.call('documents:list', {})).toHaveLength(0);
    } finally {
      api.close();
    }
  });

  it('tolerates upper-case GUIDs and a .qde under another name', async () => {
    const dir = tempDir();
    const api = await emptyProject(dir);
    try {
      const r = await api.call('qdpx:import', { path: zipSample(dir, 'Sample Study.qde', true) });
      expect(r.qde).toBe('Sample Study.qde');
      expect(r.codings).toBe(3);
      expect((await api.call('codes:list', {})).codes.map((c) => c.id)).toContain('20000000-0000-0000-0000-000000000003');
    } finally {
      api.close();
    }
  });

  it('refuses a truncated archive and a zip without a .qde, leaving the project unchanged', async () => {
    const dir = tempDir();
    const api = await emptyProject(dir);
    try {
      const good = fs.readFileSync(zipSample(dir));
      const cut = path.join(dir, 'cut.qdpx');
      fs.writeFileSync(cut, good.subarray(0, Math.floor(good.length * 0.6)));
      const before = (await api.call('history:list', { limit: 5 })).total;
      const r1 = await api.dispatch('qdpx:import', { path: cut }, LOCAL);
      expect(r1).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(JSON.stringify(r1)).toContain('damaged or incomplete');
      const noQde = path.join(dir, 'other.qdpx');
      fs.writeFileSync(noQde, zipSync({ 'readme.txt': strToU8('hello') }));
      expect(JSON.stringify(await api.dispatch('qdpx:import', { path: noQde }, LOCAL))).toContain('holds no .qde project file');
      const badXml = path.join(dir, 'bad.qdpx');
      fs.writeFileSync(badXml, zipSync({ 'project.qde': strToU8('<Project name="x"><Users><User guid="1"') }));
      expect(JSON.stringify(await api.dispatch('qdpx:import', { path: badXml }, LOCAL))).toContain('malformed');
      expect((await api.call('history:list', { limit: 5 })).total).toBe(before);
      expect((await api.call('codes:list', {})).codes).toHaveLength(0);
    } finally {
      api.close();
    }
  });

  it('refuses a zip that declares more uncompressed bytes than the limit, before inflating it', async () => {
    const dir = tempDir();
    const api = await emptyProject(dir);
    try {
      const zip = zipSync({ 'project.qde': strToU8('<Project name="x"/>') });
      // Patch the declared uncompressed size in the central directory to 3 GB (a bomb's claim).
      const view = Buffer.from(zip);
      const cd = view.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      view.writeUInt32LE(0xc0000000, cd + 24);
      const bomb = path.join(dir, 'bomb.qdpx');
      fs.writeFileSync(bomb, view);
      const r = await api.dispatch('qdpx:import', { path: bomb }, LOCAL);
      expect(JSON.stringify(r)).toContain('zip bomb');
    } finally {
      api.close();
    }
  });
});

describe.skipIf(!HAVE_FIXTURES)('REFI-QDA export', () => {
  it('writes a project.qde that validates against Project.xsd, and a round trip keeps codes, sources, selections and codings', async () => {
    const dir = tempDir();
    const api = createApiService({ transport: 'web', configDir: path.join(dir, 'config'), projectsDir: dir, appVersion: '0.0.0-test' });
    await api.call('demo:open', { path: path.join(dir, 'demo.realist') });
    await apiAsCoder(api, 'Importer');
    // A PDF with a highlight drawn as a box, besides the demo's text documents.
    const pdfFile = path.join(dir, 'article.pdf');
    fs.writeFileSync(pdfFile, textPdf([['Case managers phone their clients every week.', 'Clients feel secure.']]));
    const attached = await api.call('documents:attach', { paths: [pdfFile] });
    const docId = attached.attached[0]!.documentId;
    const doc = await api.call('documents:get', { id: docId });
    const quote = 'Clients feel secure.';
    const start = doc.pages[0]!.text.indexOf(quote);
    await api.call('excerpts:create', { documentId: docId, pageIndex: 0, start, end: start + quote.length, quote, prefix: '', suffix: '', rects: [{ page: 0, x1: 72, y1: 700, x2: 200, y2: 712 }] });
    const first = await contents(api);
    const firstTheory = await theory(api);
    // The demo's theory: three versions, the refined one built from the 6 consensus CMOCs, 19 stored changes.
    expect(firstTheory.versions.map((v) => `${v.label}:${v.cmocs.length}`)).toEqual(['initial:6', 'iteration 1:7', 'refined:6']);
    expect(firstTheory.changes).toHaveLength(19);
    // Some of it carries evidence, which must survive too.
    expect(firstTheory.versions.flatMap((v) => v.cmocs).filter((c) => !c.endsWith('|0/0/0/0')).length).toBeGreaterThan(0);
    const out1 = path.join(dir, 'one.qdpx');
    const r1 = await api.call('qdpx:export', { path: out1 });
    expect(r1.counts.selections).toBe(first.excerpts.length);
    const files = unzipSync(new Uint8Array(fs.readFileSync(out1)));
    const qde = strFromU8(files['project.qde']!);
    expect(await validate(qde)).toEqual({ valid: true, errors: [] });
    expect(qde).toContain('<PDFSelection');
    expect(qde).toContain('Realist Workbench code kind: context');
    expect(files[`sources/${docId}.pdf`]).toBeDefined();
    // Each theory version travels as a marked Note on the project, readable in other tools.
    expect(qde).toContain('name="Program theory: refined"');
    expect(qde).toContain('Program theory version "refined" (refined), 6 CMOCs.');
    expect(r1.counts.notes).toBeGreaterThanOrEqual(3);
    api.close();

    const dir2 = tempDir();
    const api2 = await emptyProject(dir2, 'copy');
    try {
      const r = await api2.call('qdpx:import', { path: out1 });
      expect(r.warnings.filter((w) => !w.startsWith('Not imported'))).toEqual([]);
      const second = await contents(api2);
      expect(second.codes).toEqual(first.codes);
      expect(second.docs.length).toBe(first.docs.length);
      expect(second.excerpts).toEqual(first.excerpts);
      expect(second.cmocs).toEqual(first.cmocs);
      expect(r.theoryVersions).toBe(3);
      const secondTheory = await theory(api2);
      expect(secondTheory).toEqual(firstTheory);
      const refined = secondTheory.versions.find((v) => v.label === 'refined')!;
      expect(refined.parent).toBe('iteration 1');
      expect(refined.cmocs.some((c) => c.startsWith('CMOC 1 (agreed)|'))).toBe(true);
      expect(refined.groups).toContain('middle-range:Trusting relationship:refined/CMOC 1 (agreed),refined/CMOC 2 (agreed),refined/CMOC 4 (agreed),refined/CMOC 6 (agreed)');
      const initial = secondTheory.versions.find((v) => v.label === 'initial')!;
      expect(initial.cmocs.find((c) => c.startsWith('H1 Reachable nurse|'))).toBeDefined();
      expect(secondTheory.changes.some((c) => c.includes('|dropped|') && c.includes('No included document describes automated reminders'))).toBe(true);
      // Theory notes are not memos.
      expect((await api2.call('memos:list', {})).some((m) => m.body.includes('Realist Workbench theory version'))).toBe(false);
      const out2 = path.join(dir2, 'two.qdpx');
      await api2.call('qdpx:export', { path: out2 });
      const qde2 = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(out2)))['project.qde']!);
      const count = (s: string, tag: string) => s.split(`<${tag} `).length - 1;
      for (const tag of ['Code', 'TextSource', 'PDFSource', 'PlainTextSelection', 'PDFSelection', 'Coding', 'Set', 'Link', 'Note']) expect(count(qde2, tag)).toBe(count(qde, tag));
      // Imported again into the same project: nothing doubles (the versions are there already).
      const again = await api2.call('qdpx:import', { path: out1 });
      expect(again.theoryVersions).toBe(0);
      expect((await api2.call('theory:list', {})).length).toBe(3);
    } finally {
      api2.close();
    }
  });
});
