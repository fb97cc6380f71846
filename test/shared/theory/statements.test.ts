/**
 * Hypotheses from text: if-then-because sentences read into parts, pasted lists, CSV files with
 * a malformed row reported by its line while the rest imports, and parts tied to codes by name.
 */
import { describe, expect, it } from 'vitest';
import { matchPartsToCodes, parseStatement, parseStatementCsv, parseStatementLines, splitMechanism } from '../../../shared/theory/statements';

describe('parseStatement', () => {
  it('reads context, resource, response and outcome from an if-then-because sentence', () => {
    const { parts } = parseStatement('If patients cannot reach a family physician, then they make fewer emergency visits, because a nurse they can reach makes them feel secure.');
    expect(parts).toEqual([
      { role: 'context', text: 'Patients cannot reach a family physician', codeId: null },
      { role: 'mechanism-resource', text: 'A nurse they can reach', codeId: null },
      { role: 'mechanism-response', text: 'They feel secure', codeId: null },
      { role: 'outcome', text: 'They make fewer emergency visits', codeId: null },
    ]);
  });

  it('takes the keywords in any order and case, and keeps a sentence without structure whole', () => {
    expect(parseStatement('IF isolated, BECAUSE of a direct line THEN less distress').parts.map((p) => [p.role, p.text])).toEqual([
      ['context', 'Isolated'],
      ['mechanism-resource', 'A direct line'],
      ['outcome', 'Less distress'],
    ]);
    expect(parseStatement('Case managers with high caseloads cannot stay reachable.')).toEqual({ statement: 'Case managers with high caseloads cannot stay reachable.', parts: [] });
  });

  it('reads the generator’s own mechanism grammar ("R leads to P", "of R")', () => {
    expect(splitMechanism('accessible case manager leads to trust in the case manager').map((p) => p.text)).toEqual(['Accessible case manager', 'Trust in the case manager']);
    expect(splitMechanism('of individualised service plan')).toEqual([{ role: 'mechanism-resource', text: 'Individualised service plan', codeId: null }]);
    expect(splitMechanism('they trust the nurse')).toEqual([{ role: 'mechanism-response', text: 'They trust the nurse', codeId: null }]);
  });
});

describe('parseStatementLines', () => {
  it('reads one statement a line, skipping blanks, comments and list marks', () => {
    const r = parseStatementLines('# from the workshop\n1. If A, then B, because C.\n\n- If D, then E.\n• Plain claim', 'Workshop');
    expect(r.errors).toEqual([]);
    expect(r.cmocs.map((c) => [c.line, c.statement, c.parts.length, c.provenance])).toEqual([
      [2, 'If A, then B, because C.', 3, 'Workshop'],
      [4, 'If D, then E.', 2, 'Workshop'],
      [5, 'Plain claim', 0, 'Workshop'],
    ]);
  });
});

describe('parseStatementCsv', () => {
  it('imports the good rows and reports a malformed one with its line', () => {
    const csv = [
      'label,context,mechanism,outcome,source',
      'H1,Several chronic conditions,a reachable nurse makes them feel secure,Fewer emergency visits,Workshop',
      'H2,,,,', // nothing to import
      '"H3","Poor access, no physician","of coordination","Less distress"',
      'H4,"unterminated,quote,Fewer visits',
    ].join('\r\n');
    const r = parseStatementCsv(csv);
    expect(r.cmocs.map((c) => [c.line, c.label])).toEqual([
      [2, 'H1'],
      [4, 'H3'],
    ]);
    expect(r.cmocs[0]!.parts.map((p) => p.role)).toEqual(['context', 'mechanism-resource', 'mechanism-response', 'outcome']);
    expect(r.cmocs[0]!.statement).toBe('If several chronic conditions, then fewer emergency visits, because a reachable nurse leads to they feel secure.');
    expect(r.cmocs[0]!.provenance).toBe('Workshop');
    expect(r.cmocs[1]!.parts.map((p) => p.text)).toEqual(['Poor access, no physician', 'Coordination', 'Less distress']);
    expect(r.errors.map((e) => e.line)).toEqual([3, 5]);
    expect(r.errors[0]!.message).toBe('the row has neither a statement nor an outcome');
    expect(r.errors[1]!.message).toMatch(/^CSV: .*quote/i);
  });

  it('reads a statement column, with parts read from each sentence', () => {
    const r = parseStatementCsv('Statement;Source\n"If isolated, then distress, because nobody calls";Interviews\n');
    expect(r.cmocs).toHaveLength(1);
    expect(r.cmocs[0]!.parts.map((p) => p.role)).toEqual(['context', 'mechanism-response', 'outcome']);
    expect(r.cmocs[0]!.provenance).toBe('Interviews');
  });

  it('says which columns it needs when the header has none of them', () => {
    expect(parseStatementCsv('title,year\nA,2020\n').errors).toEqual([{ line: 1, message: 'no "statement" column and no "outcome" column in the header (title, year)' }]);
    expect(parseStatementCsv('').errors).toEqual([{ line: 1, message: 'the file is empty: no header row' }]);
  });
});

describe('matchPartsToCodes', () => {
  const codes = [
    { id: 'c1', name: 'Trust in the case manager' },
    { id: 'c2', name: 'Multiple chronic conditions' },
    { id: 'c3', name: 'Poor access to a family physician' },
  ];
  it('ties parts to codes by name, whole or as a list of codes', () => {
    const out = matchPartsToCodes(
      [
        { role: 'mechanism-response', text: 'trust in the case manager.', codeId: null },
        { role: 'context', text: 'Multiple chronic conditions and poor access to a family physician', codeId: null },
        { role: 'outcome', text: 'Fewer visits and less distress', codeId: null },
      ],
      codes,
    );
    expect(out).toEqual([
      { role: 'mechanism-response', text: 'Trust in the case manager', codeId: 'c1' },
      { role: 'context', text: 'Multiple chronic conditions', codeId: 'c2' },
      { role: 'context', text: 'Poor access to a family physician', codeId: 'c3' },
      { role: 'outcome', text: 'Fewer visits and less distress', codeId: null },
    ]);
  });
});
