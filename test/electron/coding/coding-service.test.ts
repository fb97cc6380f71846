import { afterEach, describe, expect, it } from 'vitest';
import { CodingService } from '../../../electron/services/coding/coding-service';
import { searchAll, toFtsQuery } from '../../../electron/services/coding/search';
import type { ProjectStore } from '../../../electron/services/store/project-store';
import { createCodingProject, type CodingProject } from '../../helpers/coding-project';
import { useTempDir } from '../../helpers/temp';
import { asCoder } from '../../helpers/coder';

const tempDir = useTempDir();
const open: ProjectStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function setup(): CodingProject & { svc: CodingService } {
  const p = createCodingProject(tempDir());
  open.push(p.store);
  return { ...p, svc: new CodingService(p.store) };
}

/** Makes `name` the current coder of the service's project, and returns the service. */
function as(svc: CodingService, name: string): CodingService {
  asCoder(svc.store, name);
  return svc;
}
const undo = (svc: CodingService) => svc.store.log.undo(svc.store.requireCoder());
const redo = (svc: CodingService) => svc.store.log.redo(svc.store.requireCoder());

const count = (store: ProjectStore, sql: string, ...args: unknown[]) => (store.db.prepare(sql).get(...args) as { n: number }).n;

describe('CMOCs and their evidence', () => {
  it('counts supporting, refuting and refining excerpts and distinct documents; filters by code and document', () => {
    const { svc, excerpts, docs } = setup();
    const c = svc.createCode({ name: 'Multiple chronic conditions', kind: 'context' });
    const r = svc.createCode({ name: 'Accessible case manager', kind: 'mechanism-resource' });
    const o = svc.createCode({ name: 'Fewer emergency visits', kind: 'outcome' });
    const cmoc = as(svc, 'Reviewer A').createCmoc({ label: 'CMOC 1', codes: [{ codeId: c.id, role: 'context' }, { codeId: r.id, role: 'mechanism-resource' }, { codeId: o.id, role: 'outcome' }] });
    expect(cmoc.statement).toBe('If multiple chronic conditions, then fewer emergency visits, because of accessible case manager.');
    svc.linkEvidence({ cmocId: cmoc.id, excerptId: excerpts.reach!, role: 'supports' });
    svc.linkEvidence({ cmocId: cmoc.id, excerptId: excerpts.callBack!, role: 'supports' });
    svc.linkEvidence({ cmocId: cmoc.id, excerptId: excerpts.trust!, role: 'supports' });
    svc.linkEvidence({ cmocId: cmoc.id, excerptId: excerpts.mixed!, role: 'refutes', note: 'only some programs' });
    svc.linkEvidence({ cmocId: cmoc.id, excerptId: excerpts.worry!, role: 'refines' });
    const other = svc.createCmoc({ label: 'CMOC 2', codes: [{ codeId: c.id, role: 'context' }] });
    svc.linkEvidence({ cmocId: other.id, excerptId: excerpts.worry!, role: 'supports' });

    const [first] = svc.listCmocs({ codeId: r.id });
    expect(first).toMatchObject({ label: 'CMOC 1', supporting: 3, refuting: 1, refining: 1, documents: 2, coder: 'Reviewer A' });
    expect(svc.listCmocs({ codeId: c.id }).map((x) => x.label)).toEqual(['CMOC 1', 'CMOC 2']);
    expect(svc.listCmocs({ documentId: docs.synthesis! }).map((x) => x.label)).toEqual(['CMOC 1']);
    expect(svc.listCmocs({ sort: 'evidence' }).map((x) => x.label)).toEqual(['CMOC 1', 'CMOC 2']);

    const detail = svc.getCmoc(cmoc.id);
    const reach = detail.evidence.find((e) => e.excerptId === excerpts.reach)!;
    expect(reach.citation).toBe('Hudon et al. (2020)');
    expect(reach.quote).toBe('Patients valued a case manager they could reach easily.');
    expect(detail.evidence.find((e) => e.excerptId === excerpts.callBack)!.citation).toBe('Interview P03');
    expect(detail.evidence.map((e) => e.role)).toEqual(['supports', 'supports', 'supports', 'refines', 'refutes']);
  });

  it('lists every excerpt of a code across documents, with its coders', () => {
    const { svc, excerpts } = setup();
    const trust = svc.createCode({ name: 'Trust', kind: 'mechanism-response' });
    as(svc, 'Reviewer A').addCoding(excerpts.trust!, trust.id);
    as(svc, 'Reviewer B').addCoding(excerpts.trust!, trust.id);
    as(svc, 'Reviewer B').addCoding(excerpts.callBack!, trust.id);
    const list = svc.excerptsForCode(trust.id);
    expect(list.map((x) => [x.documentTitle, x.coders])).toEqual([
      ['Interview P03', ['Reviewer B']],
      ['Realist synthesis of case management', ['Reviewer A', 'Reviewer B']],
    ]);
  });
});

describe('undo and redo', () => {
  it('undoes and redoes coding a passage through the change log', () => {
    const { svc, store, excerpts } = setup();
    as(svc, 'Reviewer A');
    const trust = svc.createCode({ name: 'Trust', kind: 'mechanism-response' });
    svc.addCoding(excerpts.trust!, trust.id);
    expect(count(store, 'SELECT count(*) AS n FROM codings')).toBe(1);
    expect(undo(svc)).toMatchObject({ applied: 'Code passage with "Trust"', canRedo: true, undoLabel: 'Create code "Trust"' });
    expect(count(store, 'SELECT count(*) AS n FROM codings')).toBe(0);
    expect(redo(svc)).toMatchObject({ applied: 'Code passage with "Trust"', canRedo: false });
    expect(svc.codingsOfExcerpt(excerpts.trust!).map((c) => [c.code, c.coder])).toEqual([['Trust', 'Reviewer A']]);
    // The log keeps the action, done again, and who undid it last.
    expect(store.db.prepare(`SELECT status, undone_at FROM actions WHERE label = 'Code passage with "Trust"'`).get()).toEqual({ status: 'done', undone_at: null });
    // A new action clears the redo stack.
    undo(svc);
    svc.createCode({ name: 'Secure', kind: 'mechanism-response' });
    expect(svc.store.log.state().canRedo).toBe(false);
  });

  it('undoes a merge completely (codes, codings, CMOC references) and never rewrites the saved statement', () => {
    const { svc, store, excerpts } = setup();
    const trust = svc.createCode({ name: 'Trust', kind: 'mechanism-response' });
    const reliance = svc.createCode({ name: 'Reliance', kind: 'mechanism-response' });
    const child = svc.createCode({ name: 'Calling early', kind: 'mechanism-response', parentId: reliance.id });
    as(svc, 'Reviewer A').addCoding(excerpts.trust!, trust.id);
    as(svc, 'Reviewer A').addCoding(excerpts.trust!, reliance.id);
    as(svc, 'Reviewer B').addCoding(excerpts.callBack!, reliance.id);
    const cmoc = svc.createCmoc({ codes: [{ codeId: reliance.id, role: 'mechanism-response' }] });
    expect(cmoc.statement).toBe('The outcomes follow, because of reliance.');

    const snapshot = () => ({
      codes: store.db.prepare('SELECT id, name, parent_id, deleted_at FROM codes ORDER BY id').all(),
      codings: store.db.prepare('SELECT id, excerpt_id, code_id, coder_id FROM codings ORDER BY id').all(),
      cmocCodes: store.db.prepare('SELECT * FROM cmoc_codes ORDER BY code_id').all(),
      statement: svc.getCmoc(cmoc.id).statement,
    });
    const before = snapshot();
    const result = svc.mergeCodes(reliance.id, trust.id);
    expect(result).toMatchObject({ movedCodings: 1, collapsedCodings: 1 });
    expect(svc.listCodes().map((c) => c.name).sort()).toEqual(['Calling early', 'Trust']);
    expect(svc.listCodes().find((c) => c.name === 'Trust')).toMatchObject({ codings: 2, excerpts: 2, documents: 2 });
    // The CMOC now uses Trust; its saved statement keeps the words it was saved with.
    expect(svc.getCmoc(cmoc.id).codes.map((c) => c.name)).toEqual(['Trust']);
    expect(svc.getCmoc(cmoc.id).statement).toBe('The outcomes follow, because of reliance.');
    expect(store.db.prepare('SELECT parent_id FROM codes WHERE id = ?').get(child.id)).toEqual({ parent_id: trust.id });

    undo(svc);
    expect(snapshot()).toEqual(before);
    redo(svc);
    expect(svc.getCmoc(cmoc.id).codes.map((c) => c.name)).toEqual(['Trust']);
  });

  it('splits a code, moving the chosen codings, and undoes the split', () => {
    const { svc, excerpts } = setup();
    const access = svc.createCode({ name: 'Access', kind: 'mechanism-resource' });
    as(svc, 'Reviewer A').addCoding(excerpts.reach!, access.id);
    const phone = as(svc, 'Reviewer A').addCoding(excerpts.callBack!, access.id);
    const split = svc.splitCode({ id: access.id, name: 'Phone access', codingIds: [phone.id] });
    expect(svc.excerptsForCode(split.id).map((x) => x.quote)).toEqual(['She calls me back the same day, so I do not go to the emergency any more.']);
    expect(svc.excerptsForCode(access.id).map((x) => x.quote)).toEqual(['Patients valued a case manager they could reach easily.']);
    undo(svc);
    expect(svc.listCodes().map((c) => c.name)).toEqual(['Access']);
    expect(svc.excerptsForCode(access.id)).toHaveLength(2);
  });

  it('renames everywhere but in saved statements, and refuses moves that would make a cycle', () => {
    const { svc, excerpts } = setup();
    const parent = svc.createCode({ name: 'Relationship', kind: 'mechanism-response' });
    const trust = svc.createCode({ name: 'Trust', kind: 'mechanism-response', parentId: parent.id });
    as(svc, 'Reviewer A').addCoding(excerpts.trust!, trust.id);
    const cmoc = svc.createCmoc({ codes: [{ codeId: trust.id, role: 'mechanism-response' }] });
    const handWritten = svc.createCmoc({ statement: 'Written by hand.', codes: [{ codeId: trust.id, role: 'mechanism-response' }] });
    svc.renameCode(trust.id, 'Trust in the case manager');
    expect(svc.codingsOfExcerpt(excerpts.trust!).map((c) => c.code)).toEqual(['Trust in the case manager']);
    expect(svc.getCmoc(cmoc.id).codes[0]!.name).toBe('Trust in the case manager');
    expect(svc.getCmoc(cmoc.id).statement).toBe('The outcomes follow, because of trust.');
    expect(svc.getCmoc(handWritten.id).statement).toBe('Written by hand.');
    expect(() => svc.moveCode(parent.id, trust.id)).toThrow(/inside itself/);
  });
});

describe('editing CMOCs and memos', () => {
  it('keeps the saved statement when the codes change, and undoes a delete', () => {
    const { svc } = setup();
    const c = svc.createCode({ name: 'Poor access to a family physician', kind: 'context' });
    const o1 = svc.createCode({ name: 'Fewer emergency visits', kind: 'outcome' });
    const o2 = svc.createCode({ name: 'Less psychological distress', kind: 'outcome' });
    const cmoc = svc.createCmoc({ label: 'CMOC 1', codes: [{ codeId: c.id, role: 'context' }, { codeId: o1.id, role: 'outcome' }] });
    expect(cmoc.statement).toBe('If poor access to a family physician, then fewer emergency visits.');
    const changed = svc.updateCmoc({ id: cmoc.id, codes: [{ codeId: c.id, role: 'context' }, { codeId: o1.id, role: 'outcome' }, { codeId: o2.id, role: 'outcome' }] });
    expect(changed.statement).toBe('If poor access to a family physician, then fewer emergency visits.');
    svc.updateCmoc({ id: cmoc.id, statement: 'Reviewer wording.' });
    expect(svc.updateCmoc({ id: cmoc.id, codes: [{ codeId: c.id, role: 'context' }] }).statement).toBe('Reviewer wording.');
    svc.deleteCmoc(cmoc.id);
    expect(svc.listCmocs()).toEqual([]);
    undo(svc);
    expect(svc.listCmocs().map((x) => [x.label, x.statement, x.codes.length])).toEqual([['CMOC 1', 'Reviewer wording.', 1]]);
  });

  it('edits and deletes memos, each undoable', () => {
    const { svc, docs } = setup();
    const memo = as(svc, 'Reviewer B').createMemo({ targetType: 'document', targetId: docs.interview!, body: 'One voice only.' });
    expect(svc.updateMemo(memo.id, 'One voice only; selected by the program.').body).toBe('One voice only; selected by the program.');
    svc.deleteMemo(memo.id);
    expect(svc.listMemos({ targetType: 'document', targetId: docs.interview! })).toEqual([]);
    expect(undo(svc).applied).toBe('Delete memo');
    expect(undo(svc).applied).toBe('Edit memo');
    expect(svc.listMemos({ targetId: docs.interview! }).map((m) => [m.body, m.coder])).toEqual([['One voice only.', 'Reviewer B']]);
  });
});

describe('appraisals, memos and search', () => {
  it('keeps one appraisal per document and coder, and finds things by kind', () => {
    const { svc, store, docs } = setup();
    as(svc, 'Reviewer A').setAppraisal({ documentId: docs.interview!, relevance: 'high', relevanceNote: 'on point', rigour: 'low', rigourNote: 'one voice' });
    const again = as(svc, 'Reviewer A').setAppraisal({ documentId: docs.interview!, relevance: 'moderate', relevanceNote: '', rigour: 'low', rigourNote: '' });
    expect(svc.listAppraisals(docs.interview!)).toEqual([again]);
    expect(again.relevance).toBe('moderate');

    svc.createCode({ name: 'Accessible case manager', kind: 'mechanism-resource' });
    svc.createMemo({ targetType: 'project', body: 'Check whether emergency use falls only for engaged patients.' });
    const found = searchAll(store, 'emergency', 10);
    expect(found.excerpt.map((h) => h.snippet)).toContain('Emergency use fell in some programs only.'.replace('Emergency', '[Emergency]'));
    expect(found.page.length).toBe(2);
    expect(found.memo).toHaveLength(1);
    // Typos still find a code by its name.
    expect(searchAll(store, 'case manger', 10).code.map((h) => h.title)).toEqual(['Accessible case manager']);
    expect(toFtsQuery('trust NEAR "x')).toBe('"trust" "NEAR" "x"*');
  });
});
