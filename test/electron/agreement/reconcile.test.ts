/**
 * Reconciliation decisions on the tiny project (./tiny-project.ts): each writes consensus rows
 * and a decision record in one action of the change log, and one undo takes it back whole.
 */
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/temp';
import { tinyProject, type TinyProject } from './tiny-project';

const tempDir = useTempDir();

function consensusRows(t: TinyProject) {
  const db = t.api.store!.db;
  return {
    excerpts: db.prepare("SELECT document_id, start, end, quote FROM excerpts WHERE coder_id = 'consensus' AND deleted_at IS NULL ORDER BY document_id, start").all() as Array<{ document_id: string; start: number; end: number; quote: string }>,
    codings: db
      .prepare("SELECT e.start, e.end, c.name FROM codings g JOIN excerpts e ON e.id = g.excerpt_id JOIN codes c ON c.id = g.code_id WHERE g.coder_id = 'consensus' ORDER BY e.start, c.name")
      .all() as Array<{ start: number; end: number; name: string }>,
    decisions: db.prepare('SELECT target_type, target_id, decision, rationale, decided_by FROM consensus_decisions ORDER BY created_at, rowid').all() as Array<Record<string, string>>,
  };
}

async function disagreement(t: TinyProject, kind: string) {
  const r = await t.api.call('agreement:project', {});
  return r.disagreements.find((d) => d.kind === kind)!;
}

describe('reconciliation', () => {
  it('accepts B on a passage: a consensus passage with B’s boundaries and codes, a decision by the lead, marked in the report, and undone whole', async () => {
    const t = await tinyProject(tempDir());
    try {
      const pair = [t.coders.a, t.coders.b];
      const d = await disagreement(t, 'boundaries');
      const out = await t.api.call('agreement:reconcilePassage', { coders: pair, documentId: d.documentId, key: d.key, decision: 'accept-b', rationale: 'The nurse is the subject; trust starts at the call-back.' });
      expect(out.excerptIds).toHaveLength(1);
      expect(consensusRows(t)).toEqual({
        excerpts: [{ document_id: t.docs.d1, start: 10, end: 40, quote: 'calls me back on the same day.' }],
        codings: [{ start: 10, end: 40, name: 'Trust' }],
        decisions: [{ target_type: 'passage', target_id: d.key, decision: 'accept-b', rationale: 'The nurse is the subject; trust starts at the call-back.', decided_by: t.coders.lead }],
      });
      // The change log holds it as one action by the lead.
      const log = await t.api.call('history:list', { limit: 1 });
      expect(log.actions[0]).toMatchObject({ coder: 'Lead', label: 'Reconcile: accept Reviewer B on "The nurse calls me back on the same day."', entityType: 'consensus_decision', entityId: out.decisionId });

      // Recomputed: the disagreement is still there (the coders' layers did not change) and marked.
      const after = await t.api.call('agreement:project', {});
      expect(after.disagreementCount).toMatchObject({ total: 3, reconciled: 1 });
      expect(after.disagreements.find((x) => x.key === d.key)!.decision).toMatchObject({ decision: 'accept-b', decidedBy: 'Lead', rationale: 'The nurse is the subject; trust starts at the call-back.' });
      expect(after.documents[0]).toMatchObject({ disagreements: 1, reconciled: 1 });

      // Deciding again is refused, and so is a key that no longer names a passage.
      await expect(t.api.call('agreement:reconcilePassage', { coders: pair, documentId: d.documentId, key: d.key, decision: 'merge' })).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining('already reconciled (accepted B by Lead'),
      });
      await expect(t.api.call('agreement:reconcilePassage', { coders: pair, documentId: d.documentId, key: `${d.key},stale`, decision: 'merge' })).rejects.toMatchObject({ code: 'CONFLICT' });

      // One undo takes the decision back whole: rows and record.
      const undone = await t.api.call('history:undo', {});
      expect(undone.applied).toBe('Reconcile: accept Reviewer B on "The nurse calls me back on the same day."');
      expect(consensusRows(t)).toEqual({ excerpts: [], codings: [], decisions: [] });
      expect((await t.api.call('agreement:project', {})).disagreementCount.reconciled).toBe(0);
      // Redo brings it back.
      await t.api.call('history:redo', {});
      expect(consensusRows(t).decisions).toHaveLength(1);
    } finally {
      t.api.close();
    }
  });

  it('merges spans, keeps both, edits, and records "stays uncoded" when accepting the coder who did not code', async () => {
    const t = await tinyProject(tempDir());
    try {
      const pair = [t.coders.a, t.coders.b];
      const boundaries = await disagreement(t, 'boundaries');
      await t.api.call('agreement:reconcilePassage', { coders: pair, documentId: boundaries.documentId, key: boundaries.key, decision: 'merge', rationale: 'Whole sentence.' });
      const onlyB = await disagreement(t, 'only-b');
      // Accepting A, who left "feel alone at night." uncoded: nothing is written but the decision.
      const none = await t.api.call('agreement:reconcilePassage', { coders: pair, documentId: onlyB.documentId, key: onlyB.key, decision: 'accept-a', rationale: 'Loneliness is outside this review.' });
      expect(none.excerptIds).toEqual([]);
      const onlyA = await disagreement(t, 'only-a');
      // Edit: a shorter passage with two codes.
      await t.api.call('agreement:reconcilePassage', {
        coders: pair,
        documentId: onlyA.documentId,
        key: onlyA.key,
        decision: 'edit',
        rationale: 'Only the words about trust.',
        edit: { start: 2, end: 11, codeIds: [t.codes.trust, t.codes.alone] },
      });
      const rows = consensusRows(t);
      expect(rows.excerpts).toEqual(
        [
          { document_id: t.docs.d1, start: 0, end: 40, quote: 'The nurse calls me back on the same day.' },
          { document_id: t.docs.d2, start: 2, end: 11, quote: 'trust her' },
        ].sort((x, y) => x.document_id.localeCompare(y.document_id)),
      );
      expect(rows.codings).toEqual([
        { start: 0, end: 40, name: 'Trust' },
        { start: 2, end: 11, name: 'Alone' },
        { start: 2, end: 11, name: 'Trust' },
      ]);
      expect(rows.decisions.map((d) => d.decision)).toEqual(['merge', 'accept-a', 'edit']);
      const r = await t.api.call('agreement:project', {});
      expect(r.disagreementCount).toMatchObject({ total: 3, reconciled: 3 });

      // An edit that ends past the text is refused in words, and writes nothing.
      const fresh = await tinyProject(tempDir());
      try {
        const d = await disagreement(fresh, 'only-a');
        await expect(
          fresh.api.call('agreement:reconcilePassage', { coders: [fresh.coders.a, fresh.coders.b], documentId: d.documentId, key: d.key, decision: 'edit', edit: { start: 50, end: 99, codeIds: [fresh.codes.trust] } }),
        ).rejects.toMatchObject({ code: 'VALIDATION', message: 'The passage ends at 99, past the end of the document\'s text (60 characters).' });
        expect(consensusRows(fresh)).toEqual({ excerpts: [], codings: [], decisions: [] });
      } finally {
        fresh.api.close();
      }
    } finally {
      t.api.close();
    }
  });

  it('adopts the agreed passages once, and refuses the consensus layer as a coder of the pair', async () => {
    const t = await tinyProject(tempDir());
    try {
      const pair = [t.coders.a, t.coders.b];
      expect(await t.api.call('agreement:adoptAgreed', { coders: pair })).toEqual({ adopted: 1, alreadyDecided: 0 });
      expect(consensusRows(t).codings).toEqual([{ start: 60, end: 80, name: 'Fewer visits' }]);
      expect(consensusRows(t).decisions[0]).toMatchObject({ decision: 'agreed', rationale: 'Both coders coded this passage the same way.' });
      expect(await t.api.call('agreement:adoptAgreed', { coders: pair })).toEqual({ adopted: 0, alreadyDecided: 1 });
      await expect(t.api.call('agreement:adoptAgreed', { coders: [t.coders.a, 'consensus'] })).rejects.toMatchObject({ code: 'VALIDATION' });
      // While blind coding is on, nobody sees the comparison or reconciles.
      await t.api.call('settings:setBlind', { blind: true });
      await expect(t.api.call('agreement:project', {})).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('Blind coding is on') });
      await expect(t.api.call('agreement:adoptAgreed', { coders: pair })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('Blind coding is on') });
      await t.api.call('settings:setBlind', { blind: false });
      // Comparing a coder with the consensus layer is a report like any other.
      const vsConsensus = await t.api.call('agreement:project', { coders: [t.coders.a, 'consensus'] });
      expect(vsConsensus.coders.map((c) => c.name)).toEqual(['Reviewer A', 'Consensus']);
      expect(vsConsensus.codes.find((c) => c.name === 'Fewer visits')!.charKappa.value).toBeCloseTo(1, 12);
    } finally {
      t.api.close();
    }
  });

  it('reconciles CMOCs: merge makes one consensus CMOC with both coders’ codes; keep both makes two; each undone whole', async () => {
    const t = await tinyProject(tempDir());
    try {
      const pair = [t.coders.a, t.coders.b];
      const merged = await t.api.call('agreement:reconcileCmoc', { coders: pair, a: t.cmocs.a1, b: t.cmocs.b1, decision: 'merge', rationale: 'B’s extra outcome is in the text.' });
      const consensus = await t.api.call('cmocs:list', { layer: 'consensus' });
      expect(consensus.map((c) => [c.id, c.label, c.codes.map((x) => `${x.role}:${x.name}`)])).toEqual([
        [merged.cmocIds[0], 'A1 + B1', ['context:Alone', 'mechanism-response:Trust', 'outcome:Fewer visits', 'outcome:Alone']],
      ]);
      expect(consensus[0]!.statement).toBe('If alone, then fewer visits and alone, because of trust.');
      const r = await t.api.call('agreement:project', {});
      expect(r.cmoc.items[0]!.decision).toMatchObject({ decision: 'merge-cmocs', rationale: 'B’s extra outcome is in the text.', decidedBy: 'Lead' });
      await expect(t.api.call('agreement:reconcileCmoc', { coders: pair, a: t.cmocs.a1, b: t.cmocs.b1, decision: 'keep-a' })).rejects.toMatchObject({ code: 'CONFLICT' });
      await t.api.call('history:undo', {});
      expect(await t.api.call('cmocs:list', { layer: 'consensus' })).toEqual([]);

      await t.api.call('agreement:reconcileCmoc', { coders: pair, a: t.cmocs.a1, b: t.cmocs.b1, decision: 'keep-both' });
      expect((await t.api.call('cmocs:list', { layer: 'consensus' })).map((c) => c.label)).toEqual(['A1', 'B1']);
      // A CMOC of the wrong layer is refused.
      await t.api.call('history:undo', {});
      await expect(t.api.call('agreement:reconcileCmoc', { coders: pair, a: t.cmocs.b1, b: null, decision: 'keep-a' })).rejects.toMatchObject({ code: 'VALIDATION', message: 'CMOC "B1" is not in Reviewer A\'s layer.' });
    } finally {
      t.api.close();
    }
  });
});
