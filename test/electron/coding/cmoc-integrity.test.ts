/**
 * CMOCs stay intact (issue 13): deleting, renaming or merging a code never rewrites a saved
 * statement; a CMOC that lost a code says so; a CMOC is complete (context, mechanism, outcome,
 * statement) or explicitly a draft, by one rule for the services, the builder and migration 7;
 * two CMOCs of one layer with the same codes are flagged; the delete confirmation's usage.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CodingService } from '../../../electron/services/coding/coding-service';
import { installChangeLog } from '../../../electron/services/store/change-log';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/services/store/migrations';
import { APPLICATION_ID, ProjectStore } from '../../../electron/services/store/project-store';
import { describeMissing, missingParts } from '../../../shared/coding/cmoc-rules';
import { asCoder } from '../../helpers/coder';
import { createCodingProject } from '../../helpers/coding-project';
import { useTempDir } from '../../helpers/temp';

const tempDir = useTempDir();
const open: ProjectStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function setup() {
  const p = createCodingProject(tempDir());
  open.push(p.store);
  const svc = new CodingService(p.store);
  const c = svc.createCode({ name: 'Multiple chronic conditions', kind: 'context' });
  const r = svc.createCode({ name: 'Accessible case manager', kind: 'mechanism-resource' });
  const o = svc.createCode({ name: 'Fewer emergency visits', kind: 'outcome' });
  const cmo = [
    { codeId: c.id, role: 'context' },
    { codeId: r.id, role: 'mechanism-resource' },
    { codeId: o.id, role: 'outcome' },
  ];
  return { ...p, svc, c, r, o, cmo };
}

describe('the completeness rule', () => {
  it('needs a context, a mechanism (resource or response), an outcome and a statement', () => {
    expect(missingParts([], '')).toEqual(['context', 'mechanism', 'outcome', 'statement']);
    expect(missingParts([{ role: 'context' }, { role: 'mechanism-response' }, { role: 'outcome' }], '  ')).toEqual(['statement']);
    expect(missingParts([{ role: 'context' }, { role: 'mechanism-resource' }, { role: 'outcome' }], 'If a, then b.')).toEqual([]);
    expect(missingParts([{ role: 'actor' }, { role: 'outcome' }], 'x')).toEqual(['context', 'mechanism']);
    expect(describeMissing(['context', 'outcome', 'statement'])).toBe('a context, an outcome and a statement');
  });
});

describe('CMOC status', () => {
  it('refuses a "complete" CMOC that lacks a part, saying which, and saves nothing', () => {
    const { svc, c, store } = setup();
    expect(() => svc.createCmoc({ label: 'Empty', statement: '', status: 'complete', codes: [] })).toThrow(
      'A complete CMOC needs a context, a mechanism, an outcome and a statement; add them or save it as a draft.',
    );
    expect(() => svc.createCmoc({ statement: 'Only a context.', status: 'complete', codes: [{ codeId: c.id, role: 'context' }] })).toThrow(/needs a mechanism and an outcome/);
    expect((store.db.prepare('SELECT count(*) AS n FROM cmocs').get() as { n: number }).n).toBe(0);
  });

  it('saves an explicit draft as given (a blank statement stays blank), and classifies a CMOC made without a status', () => {
    const { svc, c, cmo } = setup();
    const draft = svc.createCmoc({ label: 'Idea', statement: '   ', status: 'draft', codes: [{ codeId: c.id, role: 'context' }] });
    expect(draft).toMatchObject({ status: 'draft', statement: '', missing: ['mechanism', 'outcome', 'statement'] });
    // Left out, the statement is written once from the codes; the rule then finds it complete.
    const generated = svc.createCmoc({ codes: cmo });
    expect(generated).toMatchObject({ status: 'complete', missing: [], statement: 'If multiple chronic conditions, then fewer emergency visits, because of accessible case manager.' });
    expect(svc.createCmoc({ codes: [{ codeId: c.id, role: 'context' }] }).status).toBe('draft');
    expect(svc.listCmocs({ status: 'draft' }).map((x) => x.label)).toEqual(['Idea', '']);
  });

  it('keeps a complete CMOC complete on edit, and lets a draft be finished', () => {
    const { svc, c, cmo } = setup();
    const made = svc.createCmoc({ label: 'CMOC 1', statement: 'If x, then y, because z.', status: 'complete', codes: cmo });
    expect(() => svc.updateCmoc({ id: made.id, codes: [{ codeId: c.id, role: 'context' }] })).toThrow(/needs a mechanism and an outcome/);
    expect(svc.updateCmoc({ id: made.id, status: 'draft', codes: [{ codeId: c.id, role: 'context' }] })).toMatchObject({ status: 'draft', statement: 'If x, then y, because z.' });
    expect(svc.updateCmoc({ id: made.id, status: 'complete', codes: cmo })).toMatchObject({ status: 'complete', missing: [] });
  });

  it('numbers CMOCs in the order they were made, and flags two of one layer with the same codes', () => {
    const { svc, store, cmo } = setup();
    const a = svc.createCmoc({ label: 'A', codes: cmo });
    const b = svc.createCmoc({ label: 'B', codes: [...cmo].reverse() });
    asCoder(store, 'Reviewer B');
    const other = svc.createCmoc({ label: 'B2', codes: cmo });
    const list = new Map(svc.listCmocs().map((x) => [x.label, x]));
    expect([list.get('A')!.number, list.get('B')!.number, list.get('B2')!.number]).toEqual([1, 2, 3]);
    expect(list.get('A')!.sameCodesAs).toEqual([2]);
    expect(list.get('B')!.sameCodesAs).toEqual([1]);
    // Reviewer B's layer has no twin of its own.
    expect(list.get('B2')!.sameCodesAs).toEqual([]);
    svc.deleteCmoc(a.id);
    expect(svc.getCmoc(b.id).sameCodesAs).toEqual([]);
    expect(svc.getCmoc(other.id).number).toBe(3);
  });
});

describe('deleting a code that CMOCs use', () => {
  it('leaves the saved statement word for word, reports the lost code, and undo brings it back', () => {
    const { svc, store, c, cmo, excerpts } = setup();
    svc.addCoding(excerpts.reach!, c.id);
    const handWritten = 'Patients with several conditions who can reach a case manager use the emergency less.';
    const made = svc.createCmoc({ label: 'CMOC 1', statement: handWritten, status: 'complete', codes: cmo });
    const generated = svc.createCmoc({ label: 'CMOC 2', codes: cmo });
    const generatedText = generated.statement;

    const usage = svc.codeUsage(c.id);
    expect(usage).toMatchObject({ codings: 1, passageCount: 1, subCodes: 0 });
    expect(usage.passages[0]!.quote).toBe('Patients valued a case manager they could reach easily.');
    expect(usage.cmocs.map((m) => [m.number, m.label, m.role])).toEqual([
      [1, 'CMOC 1', 'context'],
      [2, 'CMOC 2', 'context'],
    ]);

    svc.deleteCode(c.id);
    const after = svc.getCmoc(made.id);
    expect(after.statement).toBe(handWritten);
    expect(svc.getCmoc(generated.id).statement).toBe(generatedText);
    expect(after.codes.map((x) => x.name)).toEqual(['Accessible case manager', 'Fewer emergency visits']);
    expect(after.lostCodes).toEqual([{ codeId: c.id, name: 'Multiple chronic conditions', role: 'context' }]);
    expect(after.missing).toEqual(['context']);
    // Its stored status is what the reviewer chose; the lost slot shows as missing.
    expect(after.status).toBe('complete');

    store.log.undo(store.requireCoder());
    expect(svc.getCmoc(made.id)).toMatchObject({ lostCodes: [], missing: [], statement: handWritten });
  });

  it('merging a code into another moves the CMOCs to it and keeps their statements', () => {
    const { svc, c, cmo } = setup();
    const poly = svc.createCode({ name: 'Polymorbidity', kind: 'context' });
    const made = svc.createCmoc({ codes: cmo });
    const text = made.statement;
    svc.mergeCodes(c.id, poly.id);
    const after = svc.getCmoc(made.id);
    expect(after.codes.find((x) => x.role === 'context')!.name).toBe('Polymorbidity');
    expect(after.statement).toBe(text);
    expect(after.lostCodes).toEqual([]);
  });
});

describe('migration 7: CMOC status', () => {
  it('classifies the CMOCs of a schema-6 project by the completeness rule, under the change log', () => {
    const file = path.join(tempDir(), 'v6.realist');
    const AT = '2026-11-01T09:00:00.000Z';
    const db = new Database(file);
    db.transaction(() => {
      db.pragma(`application_id = ${APPLICATION_ID}`);
      for (const m of MIGRATIONS.filter((m) => m.version <= 6)) m.up(db);
      installChangeLog(db);
      db.pragma('user_version = 6');
      db.prepare(`INSERT INTO actions (id, hlc, at, coder_id, label, verb, entity_type) VALUES ('a1', '0', ?, 'consensus', 'setup', 'setup', 'test')`).run(AT);
      db.prepare(`INSERT INTO action_context (one, action_seq, mode) VALUES (1, 1, 'record')`).run();
      const code = db.prepare('INSERT INTO codes (id, kind, name, deleted_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
      code.run('c', 'context', 'C', null, AT, AT);
      code.run('m', 'mechanism-response', 'M', null, AT, AT);
      code.run('o', 'outcome', 'O', null, AT, AT);
      code.run('gone', 'outcome', 'Gone', AT, AT, AT);
      const cmoc = db.prepare(`INSERT INTO cmocs (id, label, statement, coder_id, created_at, updated_at) VALUES (?, ?, ?, 'consensus', ?, ?)`);
      const uses = db.prepare('INSERT INTO cmoc_codes (cmoc_id, code_id, role, sort) VALUES (?, ?, ?, 0)');
      const make = (id: string, statement: string, codes: string[]) => {
        cmoc.run(id, id, statement, AT, AT);
        for (const c of codes) uses.run(id, c, c === 'c' ? 'context' : c === 'm' ? 'mechanism-response' : 'outcome');
      };
      make('whole', 'If C, then O, because of M.', ['c', 'm', 'o']);
      make('empty', '', []);
      make('blank', '  ', ['c', 'm', 'o']);
      make('lost', 'If C, then gone, because of M.', ['c', 'm', 'gone']);
      db.prepare('DELETE FROM action_context').run();
    })();
    db.close();

    const store = ProjectStore.open(file);
    open.push(store);
    expect(store.migration).toMatchObject({ from: 6, to: LATEST_SCHEMA_VERSION });
    expect(store.db.prepare('SELECT id, status FROM cmocs ORDER BY id').all()).toEqual([
      { id: 'blank', status: 'draft' },
      { id: 'empty', status: 'draft' },
      { id: 'lost', status: 'draft' },
      { id: 'whole', status: 'complete' },
    ]);
    // The change log's triggers are back and know the new column: a write outside an action is refused.
    expect(() => store.db.prepare(`UPDATE cmocs SET status = 'draft' WHERE id = 'whole'`).run()).toThrow(/outside an action/);
    asCoder(store);
    const svc = new CodingService(store);
    svc.updateCmoc({ id: 'whole', status: 'draft' });
    store.log.undo(store.requireCoder());
    expect(store.db.prepare(`SELECT status FROM cmocs WHERE id = 'whole'`).get()).toEqual({ status: 'complete' });
  });
});

describe('mapping the kinds of imported codes', () => {
  it('moves every code of one kind to another as one undoable action', () => {
    const { svc, store } = setup();
    svc.updateKinds([...svc.listKinds(), { id: 'imported', label: 'Imported', color: '#495057', sort: 99 }]);
    svc.createCode({ name: 'Barrier A', kind: 'imported' });
    svc.createCode({ name: 'Barrier B', kind: 'imported' });
    expect(svc.remapKind('imported', 'context')).toBe(2);
    expect(svc.listCodes().filter((c) => c.kind === 'context').map((c) => c.name).sort()).toEqual(['Barrier A', 'Barrier B', 'Multiple chronic conditions']);
    expect(store.log.list({ limit: 1, offset: 0 }).actions[0]!.label).toBe('Move 2 codes from kind "Imported" to "Context"');
    store.log.undo(store.requireCoder());
    expect(svc.listCodes().filter((c) => c.kind === 'imported')).toHaveLength(2);
  });
});
