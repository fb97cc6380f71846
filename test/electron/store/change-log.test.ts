/**
 * Coders, layers and the change log on real project files: migration 4 from a schema-3 file,
 * uniqueness in the consensus layer, writes refused outside an action or without a coder,
 * undo and redo of every kind of write (including cascades), undo after reopening, composite
 * writes, and the hybrid logical clock.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, ProjectStore } from '../../../electron/services/store/project-store';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/services/store/migrations';
import { CodingService } from '../../../electron/services/coding/coding-service';
import { DocumentService } from '../../../electron/services/documents/document-service';
import { importRecords } from '../../../electron/services/import/import-service';
import { createApiService } from '../../../electron/services/api-service';
import { replayAction, withBulkInsertLog, type StoredChange } from '../../../electron/services/store/change-log';
import { formatHlc, parseHlc, receiveHlc, tickHlc } from '../../../shared/history/hlc';
import { asCoder, setupWrites } from '../../helpers/coder';
import { createCodingProject } from '../../helpers/coding-project';
import { useTempDir } from '../../helpers/temp';

const tempDir = useTempDir();
const AT = '2026-11-01T09:00:00.000Z';
const DOC = '6f1c3d2e-8a4b-4c5d-9e6f-7a8b9c0d1e2f';
const EXCERPT = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const CODE = '11111111-2222-4333-8444-555555555555';
const CMOC = '99999999-8888-4777-8666-555555555555';

/** A schema-3 project with unattributed (NULL-coder) work, as issues 5 and 6 wrote it. */
function schema3Project(file: string): void {
  const db = new Database(file);
  db.transaction(() => {
    db.pragma(`application_id = ${APPLICATION_ID}`);
    for (const m of MIGRATIONS.filter((m) => m.version <= 3)) m.up(db);
    db.pragma('user_version = 3');
    db.prepare("INSERT INTO meta (key, value) VALUES ('name', 'old'), ('project_id', 'p-3')").run();
    db.prepare("INSERT INTO coders (id, name, color, created_at) VALUES ('c-a', 'Reviewer A', '#1971c2', ?)").run(AT);
    db.prepare("INSERT INTO blobs (hash, size, mime, data, created_at) VALUES ('h1', 3, 'text/plain', x'616263', ?)").run(AT);
    db.prepare("INSERT INTO documents (id, kind, title, file_name, blob_hash, page_count, status, created_at, updated_at) VALUES (?, 'text', 'Interview 3', 'i3.txt', 'h1', 1, 'ok', ?, ?)").run(DOC, AT, AT);
    db.prepare("INSERT INTO pages (document_id, page_index, text, text_offset) VALUES (?, 0, 'She calls me back the same day.', 0)").run(DOC);
    db.prepare("INSERT INTO excerpts (id, document_id, page_index, start, end, quote, created_at, updated_at) VALUES (?, ?, 0, 0, 31, 'She calls me back the same day.', ?, ?)").run(EXCERPT, DOC, AT, AT);
    db.prepare("INSERT INTO codes (id, kind, name, created_at, updated_at) VALUES (?, 'mechanism-response', 'Trust', ?, ?)").run(CODE, AT, AT);
    // Two identical unattributed codings: SQLite let both in, because NULLs are distinct.
    db.prepare('INSERT INTO codings (id, excerpt_id, code_id, coder_id, created_at) VALUES (?, ?, ?, NULL, ?)').run(randomUUID(), EXCERPT, CODE, AT);
    db.prepare('INSERT INTO codings (id, excerpt_id, code_id, coder_id, created_at) VALUES (?, ?, ?, NULL, ?)').run(randomUUID(), EXCERPT, CODE, '2026-11-01T09:05:00.000Z');
    db.prepare("INSERT INTO codings (id, excerpt_id, code_id, coder_id, created_at) VALUES (?, ?, ?, 'c-a', ?)").run(randomUUID(), EXCERPT, CODE, AT);
    // A CMOC made by Reviewer A in the consensus layer (schema 1's `layer` column).
    db.prepare("INSERT INTO cmocs (id, label, statement, coder_id, layer, created_at, updated_at) VALUES (?, 'CMOC 1', 'If ..., then ...', 'c-a', 'consensus', ?, ?)").run(CMOC, AT, AT);
    db.prepare("INSERT INTO evidence_links (id, cmoc_id, excerpt_id, role, created_at) VALUES (?, ?, ?, 'supports', ?)").run(randomUUID(), CMOC, EXCERPT, AT);
    db.prepare("INSERT INTO memos (id, target_type, body, created_at, updated_at) VALUES (?, 'project', 'An old note', ?, ?)").run(randomUUID(), AT, AT);
    db.prepare("INSERT INTO audit_log (at, coder_id, action, entity_type, entity_id) VALUES (?, 'c-a', 'create', 'excerpt', ?)").run(AT, EXCERPT);
  })();
  db.close();
}

describe('migration 4: coders, layers and the change log', () => {
  it('moves unattributed work to the consensus layer, collapses twin codings, keeps the old audit log, and backs up first', () => {
    const file = path.join(tempDir(), 'v3.realist');
    schema3Project(file);
    const store = ProjectStore.open(file);
    try {
      expect(store.migration).toMatchObject({ from: 3, to: LATEST_SCHEMA_VERSION });
      const backup = new Database(store.migration.backupPath!, { readonly: true });
      expect(backup.pragma('user_version', { simple: true })).toBe(3);
      backup.close();
      const q = (sql: string) => store.db.prepare(sql).all();
      expect(q('SELECT id, name, initials, kind FROM coders ORDER BY kind, name')).toEqual([
        { id: 'consensus', name: 'Consensus', initials: 'CS', kind: 'consensus' },
        { id: 'c-a', name: 'Reviewer A', initials: 'RA', kind: 'person' },
      ]);
      expect(q('SELECT coder_id FROM excerpts')).toEqual([{ coder_id: 'consensus' }]);
      // The earlier of the two unattributed codings survives; Reviewer A's own stays hers.
      expect(q('SELECT coder_id, created_at FROM codings ORDER BY coder_id')).toEqual([
        { coder_id: 'c-a', created_at: AT },
        { coder_id: 'consensus', created_at: AT },
      ]);
      expect(q('SELECT coder_id FROM cmocs')).toEqual([{ coder_id: 'consensus' }]);
      expect(q('SELECT coder_id FROM evidence_links')).toEqual([{ coder_id: 'consensus' }]);
      expect(q('SELECT coder_id FROM memos')).toEqual([{ coder_id: 'consensus' }]);
      expect(q("SELECT name FROM pragma_table_info('cmocs') WHERE name = 'layer'")).toEqual([]);
      // The excerpt's full-text row still points at it (rowids were kept by the rebuild).
      expect(q("SELECT e.id FROM excerpts_fts f JOIN excerpts e ON e.rowid = f.rowid WHERE excerpts_fts MATCH 'calls'")).toEqual([{ id: EXCERPT }]);
      const log = store.log.list({ limit: 10, offset: 0 });
      expect(log.actions.map((a) => [a.label, a.coder, a.status])).toEqual([['create excerpt', 'Reviewer A', 'legacy']]);
      expect(store.db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('holds UNIQUE in the consensus layer: the same consensus coding cannot be stored twice', () => {
    const file = path.join(tempDir(), 'v3.realist');
    schema3Project(file);
    const store = ProjectStore.open(file);
    try {
      asCoder(store, 'Reviewer A');
      const twice = () =>
        setupWrites(store, () =>
          store.db.prepare("INSERT INTO codings (id, excerpt_id, code_id, coder_id, created_at) VALUES (?, ?, ?, 'consensus', ?)").run(randomUUID(), EXCERPT, CODE, AT),
        );
      expect(twice).toThrow(/UNIQUE constraint failed: codings.excerpt_id, codings.code_id, codings.coder_id/);
      // And a layer must be named: NULL is refused by the schema itself.
      expect(() =>
        setupWrites(store, () => store.db.prepare('INSERT INTO codings (id, excerpt_id, code_id, coder_id, created_at) VALUES (?, ?, ?, NULL, ?)').run(randomUUID(), EXCERPT, CODE, AT)),
      ).toThrow(/NOT NULL constraint failed: codings.coder_id/);
    } finally {
      store.close();
    }
  });
});

describe('the change log', () => {
  it('refuses a write outside an action, and a write without a current coder', () => {
    const { store } = createCodingProject(tempDir());
    try {
      expect(() => store.db.prepare("UPDATE codes SET name = 'x'").run()).not.toThrow(); // no codes yet: nothing written
      expect(() => store.db.prepare('INSERT INTO records (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run(randomUUID(), 'Sneaky', AT, AT)).toThrow(
        /REALIST_NO_ACTION: records was written outside an action/,
      );
      store.session.coderId = null;
      const svc = new CodingService(store);
      expect(() => svc.createCode({ name: 'Trust', kind: 'mechanism-response' })).toThrow(expect.objectContaining({ code: 'CODER_REQUIRED' }));
      expect(svc.listCodes()).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('logs a bulk insert in one statement exactly as the per-row trigger would, and keeps the trigger', () => {
    const { store } = createCodingProject(tempDir());
    try {
      asCoder(store, 'Reviewer A');
      const insert = (title: string) => store.db.prepare('INSERT INTO records (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run(randomUUID(), title, AT, AT);
      const changesOf = (label: string) => {
        const seq = store.log.list({ limit: 10, offset: 0 }).actions.find((a) => a.label === label)!.seq;
        return store.db.prepare("SELECT op, row_key, before, after FROM action_changes WHERE action_seq = ? AND tbl = 'records' ORDER BY id").all(seq);
      };
      const titles = ['Alpha', 'Beta', 'Gamma', 'Delta'];
      store.act({ label: 'One by one', verb: 'import', entityType: 'import_batch' }, () => titles.forEach((t) => insert(`${t} 1`)));
      store.act({ label: 'In bulk', verb: 'import', entityType: 'import_batch' }, () => withBulkInsertLog(store.db, 'records', () => titles.forEach((t) => insert(`${t} 2`))));
      const keyOf = (title: string) => JSON.stringify({ id: (store.db.prepare('SELECT id FROM records WHERE title = ?').get(title) as { id: string }).id });
      expect(changesOf('One by one')).toEqual(titles.map((t) => ({ op: 'insert', row_key: keyOf(`${t} 1`), before: null, after: null })));
      expect(changesOf('In bulk')).toEqual(titles.map((t) => ({ op: 'insert', row_key: keyOf(`${t} 2`), before: null, after: null })));
      // The per-row trigger is back: a write outside an action is refused again.
      expect(() => insert('Sneaky')).toThrow(/REALIST_NO_ACTION/);
      expect(() => withBulkInsertLog(store.db, 'records', () => insert('Sneaky'))).toThrow(/REALIST_NO_ACTION/);
      expect(() => withBulkInsertLog(store.db, 'codes', () => undefined)).toThrow(/lazily logged tables/);
      // Undo takes the bulk rows away, redo brings them back.
      const count = () => (store.db.prepare("SELECT count(*) AS n FROM records WHERE title LIKE '% 2'").get() as { n: number }).n;
      expect(store.log.undo(store.requireCoder()).applied).toBe('In bulk');
      expect(count()).toBe(0);
      expect(store.log.redo(store.requireCoder()).applied).toBe('In bulk');
      expect(count()).toBe(4);
    } finally {
      store.close();
    }
  });

  it('redoes an added document: its pages come back without the generated search column, and are found again', () => {
    const { store } = createCodingProject(tempDir());
    try {
      asCoder(store, 'Reviewer A');
      const docs = new DocumentService(store);
      store.act({ label: 'Add an interview', verb: 'create', entityType: 'document' }, () =>
        docs.addTextDocument({ fileName: 'interview-9.txt', kind: 'text', text: 'The pharmacist phoned back within the hour.' }),
      );
      const found = () => (store.db.prepare(`SELECT count(*) AS n FROM pages_fts WHERE pages_fts MATCH 'pharmacist'`).get() as { n: number }).n;
      expect(found()).toBe(1);
      expect(store.log.undo(store.requireCoder()).applied).toBe('Add an interview');
      expect(found()).toBe(0);
      // Failed before: the captured page named pages.search, a generated column.
      expect(store.log.redo(store.requireCoder()).applied).toBe('Add an interview');
      expect(found()).toBe(1);
    } finally {
      store.close();
    }
  });

  it('undoes and redoes a large import with the search index rebuilt once, consistent with the records', () => {
    const { store } = createCodingProject(tempDir());
    try {
      asCoder(store, 'Reviewer A');
      const ris = Array.from({ length: 400 }, (_, i) => `TY  - JOUR\nTI  - Study ${i} of ${i % 2 ? 'telepharmacy' : 'housing'} outreach\nAU  - Author${i}, A\nPY  - 2020\nER  - \n`).join('\n');
      const summary = importRecords(store, [{ name: 'many.ris', bytes: new TextEncoder().encode(ris) }]);
      expect(summary.imported).toBe(400);
      const hits = (word: string) => (store.db.prepare('SELECT count(*) AS n FROM records_fts WHERE records_fts MATCH ?').get(word) as { n: number }).n;
      const intact = () => store.db.prepare(`INSERT INTO records_fts (records_fts, rank) VALUES ('integrity-check', 1)`).run();
      expect(hits('telepharmacy')).toBe(200);
      store.log.undo(store.requireCoder());
      expect(hits('telepharmacy')).toBe(0);
      expect(intact).not.toThrow();
      store.log.redo(store.requireCoder());
      expect(hits('telepharmacy')).toBe(200);
      expect(hits('housing')).toBe(200);
      expect(intact).not.toThrow();
      // The index's triggers are back: a record added afterwards is found.
      importRecords(store, [{ name: 'one.ris', bytes: new TextEncoder().encode('TY  - JOUR\nTI  - A telepharmacy pilot\nAU  - Late, L\nER  - \n') }]);
      expect(hits('telepharmacy')).toBe(201);
      expect(intact).not.toThrow();
    } finally {
      store.close();
    }
  });

  it('records before and after of each row, stamps the coder and a clock, and undoes cascades', () => {
    const { store, excerpts } = createCodingProject(tempDir());
    try {
      const svc = new CodingService(store);
      asCoder(store, 'Reviewer A');
      const trust = svc.createCode({ name: 'Trust', kind: 'mechanism-response' });
      svc.addCoding(excerpts.trust!, trust.id);
      svc.renameCode(trust.id, 'Trust in the nurse');
      const [rename] = store.log.list({ limit: 1, offset: 0 }).actions;
      expect(rename).toMatchObject({ label: 'Rename "Trust"', coder: 'Reviewer A', verb: 'rename', entityType: 'code', entityId: trust.id, status: 'done' });
      const detail = store.log.get(rename!.seq, 10);
      const change = detail.changes.find((c) => c.table === 'codes')!;
      expect(change).toMatchObject({ op: 'update', key: { id: trust.id }, before: { name: 'Trust' }, after: { name: 'Trust in the nurse' } });
      expect(parseHlc(detail.hlc)).not.toBeNull();

      // A hard delete that cascades (a document and everything on it) is undone whole.
      const before = (sql: string) => store.db.prepare(sql).all();
      const snap = () => ({ e: before('SELECT id FROM excerpts ORDER BY id'), g: before('SELECT id FROM codings ORDER BY id'), p: before('SELECT document_id, page_index FROM pages ORDER BY 1, 2') });
      const was = snap();
      const docId = (store.db.prepare('SELECT document_id FROM excerpts WHERE id = ?').get(excerpts.trust!) as { document_id: string }).document_id;
      store.act({ label: 'Remove a document for good', verb: 'delete', entityType: 'document', entityId: docId }, () => {
        store.db.prepare('DELETE FROM documents WHERE id = ?').run(docId);
      });
      expect(snap().g).toEqual([]);
      const cascade = store.log.get(store.log.list({ limit: 1, offset: 0 }).actions[0]!.seq, 100);
      expect(new Set(cascade.changes.map((c) => c.table))).toEqual(new Set(['documents', 'pages', 'excerpts', 'codings']));
      expect(store.log.undo(store.requireCoder()).applied).toBe('Remove a document for good');
      expect(snap()).toEqual(was);
    } finally {
      store.close();
    }
  });

  it('undoes the last action made before the project was closed', async () => {
    const dir = tempDir();
    const { store, excerpts } = createCodingProject(dir);
    const file = store.path;
    store.close();
    const open = () => {
      const api = createApiService({ transport: 'web', configDir: path.join(dir, 'config'), projectsDir: dir, appVersion: 'test' });
      api.openProject(file);
      return api;
    };
    const first = open();
    await first.call('session:setCoder', { name: 'Reviewer B', create: true });
    const code = await first.call('codes:create', { name: 'Feeling secure', kind: 'mechanism-response' });
    await first.call('codings:add', { excerptId: excerpts.worry!, codeId: code.id });
    first.close();

    const second = open();
    // The coder is remembered for this project on this machine.
    expect((await second.call('session:get', {})).coder?.name).toBe('Reviewer B');
    expect(await second.call('history:state', {})).toMatchObject({ canUndo: true, undoLabel: 'Code passage with "Feeling secure"' });
    expect(await second.call('history:undo', {})).toMatchObject({ applied: 'Code passage with "Feeling secure"', canRedo: true });
    expect((await second.call('codings:ofExcerpt', { excerptId: excerpts.worry! })).length).toBe(0);
    second.close();

    const third = open();
    expect(await third.call('history:redo', {})).toMatchObject({ applied: 'Code passage with "Feeling secure"' });
    expect((await third.call('codings:ofExcerpt', { excerptId: excerpts.worry! })).map((c) => [c.code, c.coder])).toEqual([['Feeling secure', 'Reviewer B']]);
    third.close();
  });

  it('creates a CMOC with its evidence as one action, and saves nothing when one excerpt is unknown', async () => {
    const dir = tempDir();
    const { store, excerpts } = createCodingProject(dir);
    const file = store.path;
    store.close();
    const api = createApiService({ transport: 'web', configDir: path.join(dir, 'config'), projectsDir: dir, appVersion: 'test' });
    api.openProject(file);
    try {
      await api.call('session:setCoder', { name: 'Reviewer A', create: true });
      const c = await api.call('codes:create', { name: 'Multiple chronic conditions', kind: 'context' });
      const bad = await api.dispatch('cmocs:create', {
        label: 'CMOC 9',
        codes: [{ codeId: c.id, role: 'context' }],
        evidence: [
          { excerptId: excerpts.reach!, role: 'supports' },
          { excerptId: '00000000-0000-4000-8000-000000000000', role: 'supports' },
        ],
      });
      expect(bad).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await api.call('cmocs:list', {})).toEqual([]);
      const made = await api.call('cmocs:create', {
        label: 'CMOC 9',
        codes: [{ codeId: c.id, role: 'context' }],
        evidence: [
          { excerptId: excerpts.reach!, role: 'supports' },
          { excerptId: excerpts.mixed!, role: 'refutes', note: 'only some programs' },
        ],
      });
      expect(made).toMatchObject({ supporting: 1, refuting: 1, coder: 'Reviewer A', layer: 'coder' });
      // One undo step takes the CMOC and both links away.
      expect(await api.call('history:undo', {})).toMatchObject({ applied: 'Create CMOC "CMOC 9"' });
      expect(api.store!.db.prepare('SELECT count(*) AS n FROM evidence_links').get()).toEqual({ n: 0 });
      // Consensus: the same CMOC written in the consensus layer belongs to it.
      await api.call('session:setLayer', { layer: 'consensus' });
      const agreed = await api.call('cmocs:create', { label: 'Agreed', codes: [{ codeId: c.id, role: 'context' }], evidence: [{ excerptId: excerpts.reach!, role: 'supports' }] });
      expect(agreed).toMatchObject({ coderId: 'consensus', layer: 'consensus' });
      expect((await api.call('cmocs:list', { layer: 'consensus' })).map((x) => x.label)).toEqual(['Agreed']);
      const [act] = (await api.call('history:list', { limit: 1 })).actions;
      expect(act).toMatchObject({ coder: 'Reviewer A', label: 'Create CMOC "Agreed"' });
    } finally {
      api.close();
    }
  });
});

describe('replaying actions', () => {
  it('re-applies an action that is already in effect without changing anything (idempotent, ids stable)', () => {
    const { store, excerpts } = createCodingProject(tempDir());
    try {
      const svc = new CodingService(store);
      asCoder(store, 'Reviewer A');
      const trust = svc.createCode({ name: 'Trust', kind: 'mechanism-response' });
      svc.addCoding(excerpts.trust!, trust.id);
      const cmoc = svc.createCmoc({ label: 'CMOC 1', codes: [{ codeId: trust.id, role: 'mechanism-response' }], evidence: [{ excerptId: excerpts.trust!, role: 'supports' }] });
      svc.renameCode(trust.id, 'Trust in the nurse');
      const dump = () => ['codes', 'codings', 'cmocs', 'cmoc_codes', 'evidence_links'].map((t) => store.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all());
      const before = dump();
      const all = store.db.prepare(`SELECT seq FROM actions WHERE status = 'done' ORDER BY seq`).all() as Array<{ seq: number }>;
      store.db.transaction(() => {
        store.db.pragma('defer_foreign_keys = ON');
        store.db.prepare(`INSERT INTO action_context (one, action_seq, mode) VALUES (1, 0, 'replay')`).run();
        for (const { seq } of all) {
          const changes = store.db.prepare('SELECT id, tbl, op, row_key, before, after FROM action_changes WHERE action_seq = ? ORDER BY id').all(seq) as StoredChange[];
          replayAction(store.db, changes, 'after');
        }
        store.db.prepare('DELETE FROM action_context').run();
      })();
      expect(dump()).toEqual(before);
      expect(svc.getCmoc(cmoc.id).codes.map((c) => c.name)).toEqual(['Trust in the nurse']);
    } finally {
      store.close();
    }
  });
});

describe('hybrid logical clock', () => {
  it('never goes backwards when the wall clock does, and orders by its string', () => {
    const a = tickHlc(null, 1_000, 'n1');
    const b = tickHlc(a, 900, 'n1'); // the clock was set back
    expect(b).toEqual({ millis: 1_000, counter: 1, node: 'n1' });
    const c = receiveHlc(b, { millis: 5_000, counter: 7, node: 'n2' }, 1_200, 'n1');
    expect(c).toEqual({ millis: 5_000, counter: 8, node: 'n1' });
    expect([formatHlc(c), formatHlc(a), formatHlc(b)].sort()).toEqual([formatHlc(a), formatHlc(b), formatHlc(c)]);
    expect(parseHlc(formatHlc(c))).toEqual(c);
    expect(parseHlc('garbage')).toBeNull();
  });
});

describe('opening refuses without changing', () => {
  it('leaves a foreign database and a too-new project byte for byte as they were, journal mode included', () => {
    const dir = tempDir();
    const foreign = path.join(dir, 'other.realist');
    const db = new Database(foreign);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    db.close();
    const bytes = fs.readFileSync(foreign);
    expect(() => ProjectStore.open(foreign)).toThrow(expect.objectContaining({ code: 'NOT_A_PROJECT' }));
    expect(fs.readFileSync(foreign).equals(bytes)).toBe(true);
    expect(fs.existsSync(`${foreign}-wal`)).toBe(false);

    const empty = path.join(dir, 'empty.realist');
    fs.writeFileSync(empty, '');
    expect(() => ProjectStore.open(empty)).toThrow(expect.objectContaining({ code: 'NOT_A_PROJECT' }));
    expect(fs.statSync(empty).size).toBe(0);
  });
});
