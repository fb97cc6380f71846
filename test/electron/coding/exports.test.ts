import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CodingService } from '../../../electron/services/coding/coding-service';
import { cmocExportRows, writeCodingExport } from '../../../electron/services/exports/coding-exports';
import type { ProjectStore } from '../../../electron/services/store/project-store';
import { fromQdc } from '../../../shared/coding/qdc';
import { createCodingProject } from '../../helpers/coding-project';
import { useTempDir } from '../../helpers/temp';
import { asCoder } from '../../helpers/coder';

const tempDir = useTempDir();
const open: ProjectStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

const STATEMENT = 'If patients cannot reach a family physician, then they use the emergency department less, because a nurse who calls back earns their trust.';

function setup() {
  const dir = tempDir();
  const p = createCodingProject(dir);
  open.push(p.store);
  const svc = new CodingService(p.store);
  const c = svc.createCode({ name: 'Poor access to a family physician', kind: 'context' });
  const r = svc.createCode({ name: 'Accessible nurse case manager', kind: 'mechanism-resource', color: '#1864ab' });
  const t = svc.createCode({ name: 'Trust in the case manager', kind: 'mechanism-response' });
  const o = svc.createCode({ name: 'Fewer emergency visits', kind: 'outcome' });
  const cmoc = svc.createCmoc({
    label: 'CMOC 1',
    statement: STATEMENT,
    codes: [
      { codeId: c.id, role: 'context' },
      { codeId: r.id, role: 'mechanism-resource' },
      { codeId: t.id, role: 'mechanism-response' },
      { codeId: o.id, role: 'outcome' },
    ],
  });
  svc.linkEvidence({ cmocId: cmoc.id, excerptId: p.excerpts.reach!, role: 'supports' });
  svc.linkEvidence({ cmocId: cmoc.id, excerptId: p.excerpts.callBack!, role: 'supports' });
  svc.linkEvidence({ cmocId: cmoc.id, excerptId: p.excerpts.mixed!, role: 'refutes' });
  asCoder(p.store, 'Reviewer A');
  svc.addCoding(p.excerpts.trust!, t.id);
  return { ...p, svc, dir };
}

describe('CMOC exports', () => {
  it('writes a Word table with the statement, the codes and each quote with its citation', async () => {
    const { svc, dir } = setup();
    const out = path.join(dir, 'cmocs.docx');
    const result = await writeCodingExport(svc, 'cmocs', 'docx', out, 'test');
    expect(result.rows).toBe(1);
    const files = unzipSync(new Uint8Array(fs.readFileSync(out)));
    const xml = strFromU8(files['word/document.xml']!);
    const text = xml.replace(/<[^>]+>/g, '');
    expect(xml).toContain('<w:tbl>');
    expect(text).toContain(STATEMENT);
    expect(text).toContain('Accessible nurse case manager');
    expect(text).toContain('\u201cPatients valued a case manager they could reach easily.\u201d');
    expect(text).toContain('\u2014 Hudon et al. (2020), p. 1');
    expect(text).toContain('\u2014 Interview P03, p. 1');
    expect(text).toContain('[refutes]');
  });

  it('writes an XLSX workbook whose cells read back with the statement and the quotes', async () => {
    const { svc, dir } = setup();
    const out = path.join(dir, 'cmocs.xlsx');
    await writeCodingExport(svc, 'cmocs', 'xlsx', out, 'test');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.getWorksheet('CMOCs')!;
    expect(sheet.getRow(1).getCell(2).value).toBe('If-then-because statement');
    expect(sheet.getRow(2).getCell(1).value).toBe('CMOC 1');
    expect(sheet.getRow(2).getCell(2).value).toBe(STATEMENT);
    expect(sheet.getRow(2).getCell(3).value).toBe('Poor access to a family physician');
    expect(sheet.getRow(2).getCell(7).value).toBe(2); // supporting
    expect(sheet.getRow(2).getCell(8).value).toBe(1); // refuting
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(-3)).toEqual(['Status', 'Number', 'Id']);
    expect(sheet.getRow(2).getCell(headers.indexOf('Status') + 1).value).toBe('complete');
    const evidence = wb.getWorksheet('Evidence')!;
    expect(evidence.rowCount).toBe(4);
    const quotes = [2, 3, 4].map((i) => [evidence.getRow(i).getCell(3).value, evidence.getRow(i).getCell(4).value]);
    expect(quotes).toContainEqual(['She calls me back the same day, so I do not go to the emergency any more.', 'Interview P03']);
    expect(quotes).toContainEqual(['Patients valued a case manager they could reach easily.', 'Hudon et al. (2020)']);
  });

  it('writes CSV with one row per CMOC and its quotes', async () => {
    const { svc, dir } = setup();
    const out = path.join(dir, 'cmocs.csv');
    await writeCodingExport(svc, 'cmocs', 'csv', out, 'test');
    const csv = fs.readFileSync(out, 'utf8');
    expect(csv.startsWith('\uFEFFCMOC,If-then-because statement,Context')).toBe(true);
    expect(csv).toContain('\u201cEmergency use fell in some programs only.\u201d (Hudon et al. (2020), p. 1, refutes)');
  });
});

describe('codebook and excerpt exports', () => {
  it('writes a .qdc that reads back with the kinds and colours', async () => {
    const { svc, dir } = setup();
    const out = path.join(dir, 'codebook.qdc');
    await writeCodingExport(svc, 'codebook', 'qdc', out, 'Realist Workbench test');
    const back = fromQdc(fs.readFileSync(out, 'utf8'), { knownKinds: svc.listKinds(), defaultKind: 'other', newId: () => 'x' });
    expect(back.codes.map((c) => [c.name, c.kind, c.color]).sort()).toEqual([
      ['Accessible nurse case manager', 'mechanism-resource', '#1864ab'],
      ['Fewer emergency visits', 'outcome', null],
      ['Poor access to a family physician', 'context', null],
      ['Trust in the case manager', 'mechanism-response', null],
    ]);
    expect(back.kinds).toHaveLength(7);
  });

  it('writes excerpts as JSON with their codes and coders, and refuses formats an export lacks', async () => {
    const { svc, dir } = setup();
    const out = path.join(dir, 'excerpts.json');
    const result = await writeCodingExport(svc, 'excerpts', 'json', out, 'test');
    expect(result.rows).toBe(5);
    const rows = JSON.parse(fs.readFileSync(out, 'utf8')) as Array<{ quote: string; codes: string; citation: string }>;
    expect(rows.find((r) => r.quote.startsWith('A trusting relationship'))).toMatchObject({ codes: 'Reviewer A: Trust in the case manager', citation: 'Hudon et al. (2020)' });
    await expect(writeCodingExport(svc, 'excerpts', 'docx', path.join(dir, 'x.docx'), 'test')).rejects.toThrow(/comes as csv, json/);
  });
});

describe('CMOC export rows', () => {
  it('give each CMOC the number and evidence its own detail gives, without working out each one\'s twins again', () => {
    const { svc } = setup();
    const codes = svc.listCodes();
    const role = (kind: string) => codes.filter((c) => c.kind === kind).map((c) => ({ codeId: c.id, role: kind }));
    // Two more CMOCs on the same codes as CMOC 1 (twins), and one on fewer codes.
    const all = [...role('context'), ...role('mechanism-resource'), ...role('mechanism-response'), ...role('outcome')];
    svc.createCmoc({ label: 'CMOC 2', statement: STATEMENT, codes: all });
    svc.createCmoc({ label: 'CMOC 3', statement: STATEMENT, codes: all });
    svc.createCmoc({ label: 'CMOC 4', statement: 'If nothing, then nothing.', codes: role('context') });
    const perCmoc = vi.spyOn(CodingService.prototype as unknown as { cmocContextOf: () => unknown }, 'cmocContextOf');
    let rows;
    try {
      rows = cmocExportRows(svc);
      // Before: one pass over the layer per CMOC (quadratic on 1,000 CMOCs).
      expect(perCmoc).not.toHaveBeenCalled();
    } finally {
      perCmoc.mockRestore();
    }
    expect(rows.map((r) => r.label)).toEqual(['CMOC 1', 'CMOC 2', 'CMOC 3', 'CMOC 4']);
    for (const r of rows) {
      const detail = svc.getCmoc(r.id);
      expect({ number: r.number, supporting: r.supporting, evidence: r.evidence.length }).toEqual({ number: detail.number, supporting: detail.supporting, evidence: detail.evidence.length });
    }
    expect(rows.map((r) => r.number)).toEqual([1, 2, 3, 4]);
  });
});
