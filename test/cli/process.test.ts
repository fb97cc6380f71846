/**
 * How `realist` behaves as a process, run as a user runs it: exit codes, what goes to stdout and
 * stderr, mistakes answered in plain words, and a reader that stops early (`| head`).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp';
import { CLI, realist, SLOW } from './cli-helpers';

const tempDir = useTempDir();

describe('realist as a process', { timeout: SLOW }, () => {
  it('ends quietly with exit code 0 when the reader of its output goes away (EPIPE)', async () => {
    const dir = tempDir();
    const text = path.join(dir, 'long.txt');
    // About 1.5 MB of text: far more than a pipe holds, so the command is still writing when the reader leaves.
    fs.writeFileSync(text, Array.from({ length: 3000 }, (_, i) => `Paragraph ${i}: the nurse called the patient back the same day.`.repeat(8)).join('\n\n'));
    const child = spawn(process.execPath, [CLI, 'text', text, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    let first = '';
    child.stdout.once('data', (c: Buffer) => {
      first = c.toString();
      child.stdout.destroy(); // what `| head -c 100` does once it has its bytes
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(first.startsWith('{\n  "pageCount"')).toBe(true);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('answers a mistyped command, option or value with the nearest real one, and exit code 2', () => {
    const dir = tempDir();
    const file = path.join(dir, 'p.realist');
    expect(realist(['init', file]).code).toBe(0);

    const command = realist(['improt', file]);
    expect(command.code).toBe(2);
    expect(command.stderr).toBe('realist: unknown command "improt"; did you mean "import"? Run "realist --help" for the list.\n');

    const option = realist(['export', file, '--what', 'cmocs', '--fromat', 'json', '--out', path.join(dir, 'x.json')]);
    expect(option.code).toBe(2);
    expect(option.stdout).toBe('');
    expect(option.stderr.split('\n')[0]).toBe('realist export: unknown option --fromat; did you mean --format?');
    expect(option.stderr).toContain('Usage: realist export FILE.realist --what');

    const value = realist(['export', file, '--what', 'cmocs', '--format', 'docs', '--out', path.join(dir, 'x.docx')]);
    expect(value.code).toBe(2);
    expect(value.stderr.split('\n')[0]).toBe('realist export: --format must be one of csv, xlsx, docx, json, qdc, svg, png, pdf, graphml, mermaid, html; not "docs" (did you mean docx?)');

    const far = realist(['info', file, '--verbose']);
    expect(far.code).toBe(2);
    expect(far.stderr.split('\n')[0]).toBe('realist info: unknown option --verbose (this command takes --json)');
    expect(fs.existsSync(path.join(dir, 'x.json'))).toBe(false);
  });

  it('says so when a folder is given for a file, never EISDIR', () => {
    const dir = tempDir();
    const file = path.join(dir, 'p.realist');
    expect(realist(['init', file]).code).toBe(0);
    const cases: Array<[string[], string]> = [
      [['info', dir], `realist info: ${dir} is a folder; give a project file instead. [VALIDATION]\n`],
      [['text', dir], `realist text: ${dir} is a folder; give a document instead. [VALIDATION]\n`],
      [['init', dir], `realist init: ${dir} is a folder; give the name of the project file to create (${path.join(dir, 'NAME.realist')}). [VALIDATION]\n`],
      [['export', file, '--what', 'codebook', '--format', 'csv', '--out', dir], `realist export: ${dir} is a folder; give the name of the file to write (--out FOLDER/NAME). [VALIDATION]\n`],
    ];
    for (const [args, message] of cases) {
      const r = realist(args);
      expect(r, args.join(' ')).toEqual({ code: 1, stdout: '', stderr: message });
    }
    const imported = realist(['import', file, dir, '--coder', 'Ann', '--json']);
    expect(imported.code).toBe(1);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: 0, errors: [{ file: dir, message: 'This is a folder, not a file.' }] });
    expect(imported.stderr).not.toMatch(/EISDIR/);
  });

  it('names the file it could not write, with the reason in words and no temporary file name', () => {
    const dir = tempDir();
    const file = path.join(dir, 'p.realist');
    expect(realist(['init', file]).code).toBe(0);
    // /proc takes no new files, even from root: the write itself fails.
    const annotations = realist(['export-annotations', file, '--out', '/proc/annotations.jsonld']);
    expect(annotations).toEqual({ code: 1, stdout: '', stderr: 'realist export-annotations: Cannot write /proc/annotations.jsonld: the folder does not exist. [IO]\n' });
    const codebook = realist(['export', file, '--what', 'codebook', '--format', 'csv', '--out', '/proc/codebook.csv']);
    expect(codebook).toEqual({ code: 1, stdout: '', stderr: 'realist export: Cannot write /proc/codebook.csv: the folder does not exist. [IO]\n' });
  });

  it('refuses to change a project without knowing who makes the change (CODER_REQUIRED), and changes nothing', () => {
    const dir = tempDir();
    const file = path.join(dir, 'p.realist');
    expect(realist(['init', file]).code).toBe(0);
    const ris = path.join(dir, 'one.ris');
    fs.writeFileSync(ris, 'TY  - JOUR\nTI  - Case management for frequent users\nAU  - Hudon, Catherine\nPY  - 2020\nER  - \n');
    const refused = realist(['import', file, ris]);
    expect(refused).toEqual({
      code: 1,
      stdout: '',
      stderr: 'realist import: this command changes the project, so it needs to know who is making the change: pass --coder NAME or set REALIST_CODER=NAME. [CODER_REQUIRED]\n',
    });
    expect(JSON.parse(realist(['info', file, '--json']).stdout)).toMatchObject({ records: 0, coders: 0 });
    const withEnv = realist(['import', file, ris, '--json'], { env: { REALIST_CODER: 'Catherine' } });
    expect(JSON.parse(withEnv.stdout)).toMatchObject({ imported: 1 });
    expect(JSON.parse(realist(['info', file, '--json']).stdout)).toMatchObject({ records: 1, coders: 1 });
    const log = JSON.parse(realist(['log', file, '--json']).stdout) as { actions: Array<{ coder: string; label: string }> };
    expect(log.actions[0]!.coder).toBe('Catherine');
  });

  it('exits 1 when an import finds nothing to import', () => {
    const dir = tempDir();
    const file = path.join(dir, 'p.realist');
    expect(realist(['init', file]).code).toBe(0);
    const empty = path.join(dir, 'screened.csv');
    fs.writeFileSync(empty, 'Title,Authors,Year,DOI\n');
    const r = realist(['import', file, empty, '--coder', 'Ann']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`Imported 0 records (0 duplicates kept and clustered, 0 skipped).\n  ${empty}: csv\n`);
    expect(r.stderr).toBe(`${empty}:1: No records found in this csv file\nrealist import: nothing was imported (no records found in screened.csv).\n`);
  });
});
