/**
 * The import summary panel in happy-dom: problems (what was not imported) and warnings (what
 * was imported but deserves a look) are listed apart, each under its own heading, with file,
 * line and message, and each has its own count.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../../shared/api/calls/records';
import { ImportSummaryPanel } from '../../../renderer/src/sections/library/import-panel';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLDivElement;
let root: Root;
beforeEach(() => {
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

const SUMMARY: ImportSummary = {
  batch: '6f1c2a7e-0000-4000-8000-000000000001',
  imported: 3,
  duplicates: 0,
  skipped: 1,
  errors: [{ file: '/home/ana/exports/theses.bib', line: 9, message: '@misc{empty} has no content (no title, author, identifier, date, source or abstract); skipped' }],
  warnings: [
    { file: '/home/ana/exports/theses.bib', line: 1, message: '@phdthesis{tremblay2019} has no title; kept with its authors' },
    { file: '/home/ana/exports/scopus.ris', line: 40, message: 'RIS record has no ER line; it was ended where the next record starts (line 52)' },
  ],
  formats: { '/home/ana/exports/theses.bib': 'bibtex', '/home/ana/exports/scopus.ris': 'ris' },
};

/** The rows of the table in the group labelled `label`, as [file, line, message]. */
function rows(label: string): string[][] {
  const group = host.querySelector(`[role="group"][aria-label="${label}"]`);
  if (!group) return [];
  return [...group.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''));
}

describe('the import summary', () => {
  it('lists warnings apart from problems, with their own count and heading', () => {
    act(() => root.render(<ImportSummaryPanel summary={SUMMARY} files={['theses.bib', 'scopus.ris']} onClose={() => undefined} onChanged={() => undefined} />));
    expect(host.querySelector('[data-testid="summary-errors"]')!.textContent).toBe('1');
    expect(host.querySelector('[data-testid="summary-warnings"]')!.textContent).toBe('2');
    expect(rows('Problems')).toEqual([['theses.bib', '9', SUMMARY.errors[0]!.message]]);
    expect(rows('Warnings')).toEqual([
      ['theses.bib', '1', '@phdthesis{tremblay2019} has no title; kept with its authors'],
      ['scopus.ris', '40', 'RIS record has no ER line; it was ended where the next record starts (line 52)'],
    ]);
    const captions = [...host.querySelectorAll('caption')].map((c) => c.textContent);
    expect(captions).toEqual(['Not imported (1 problem)', 'Imported, worth a look (2 warnings)']);
  });

  it('shows no warning table when there are none', () => {
    act(() => root.render(<ImportSummaryPanel summary={{ ...SUMMARY, errors: [], warnings: [] }} files={['a.ris']} onClose={() => undefined} onChanged={() => undefined} />));
    expect(rows('Warnings')).toEqual([]);
    expect(host.querySelector('[data-testid="summary-warnings"]')!.textContent).toBe('0');
    expect(host.querySelector('.lib-summary')!.className).toBe('lib-summary');
  });
});
