import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CmocSummary, CodeSummary } from '../../../shared/coding/types';
import type { ProjectInfo } from '../../../shared/domain/types';

const code = (id: string, name: string, kind: string): CodeSummary => ({ id, name, kind, parentId: null, description: '', color: null, sort: 0, codings: 1, excerpts: 1, documents: 1 });
const CODES = [
  code('c1', 'Multiple chronic conditions', 'context'),
  code('c2', 'Poor access to a family physician', 'context'),
  code('r1', 'Accessible nurse case manager', 'mechanism-resource'),
  code('p1', 'Trust in the case manager', 'mechanism-response'),
  code('o1', 'Fewer emergency visits', 'outcome'),
];
const CMOC: CmocSummary = {
  id: 'm1',
  label: 'CMOC 1',
  statement: 'If a, then b, because c.',
  coderId: null,
  coder: 'Reviewer A',
  layer: 'coder',
  codes: [],
  supporting: 3,
  refuting: 1,
  refining: 0,
  documents: 2,
  updatedAt: '2026-01-01T00:00:00Z',
};

const calls: Array<[string, unknown]> = [];
vi.mock('../../../renderer/src/api', () => ({
  api: {
    result: async (channel: string, request: unknown) => {
      calls.push([channel, request]);
      if (channel === 'cmocs:list') return { ok: true, value: [CMOC] };
      if (channel === 'codes:list') return { ok: true, value: { kinds: [], codes: CODES } };
      if (channel === 'cmocs:create') return { ok: true, value: { ...CMOC, id: 'm2' } };
      if (channel === 'coding:export') return { ok: true, value: { path: (request as { path: string }).path, bytes: 9000, rows: 7 } };
      return { ok: true, value: null };
    },
  },
}));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

async function mount(info: ProjectInfo | null = null) {
  const { Cmocs } = await import('../../../renderer/src/sections/coding/cmocs');
  const host = document.createElement('div');
  document.body.appendChild(host);
  const root = createRoot(host);
  await act(async () => root.render(<Cmocs info={info} refresh={() => undefined} />));
  return { host, root };
}

function pick(select: HTMLSelectElement, values: string[]) {
  for (const o of Array.from(select.options)) o.selected = values.includes(o.value);
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

afterEach(() => {
  document.body.innerHTML = '';
  calls.length = 0;
});

describe('CMOC section', () => {
  it('lists configurations with their evidence counts', async () => {
    const { host, root } = await mount();
    const row = host.querySelector('tbody tr')!;
    expect(Array.from(row.querySelectorAll('td')).map((td) => td.textContent)).toEqual(['CMOC 1', 'If a, then b, because c.', '3', '1', '0', '2', 'Reviewer A']);
    act(() => root.unmount());
  });

  it('writes the statement from the codes as they are picked, and sends them on create', async () => {
    const { host, root } = await mount();
    const selects = host.querySelectorAll<HTMLSelectElement>('.new-cmoc select');
    expect(selects).toHaveLength(4);
    await act(async () => pick(selects[0]!, ['c1', 'c2']));
    await act(async () => pick(selects[1]!, ['r1']));
    await act(async () => pick(selects[2]!, ['p1']));
    await act(async () => pick(selects[3]!, ['o1']));
    const text = host.querySelector<HTMLTextAreaElement>('.new-cmoc textarea')!;
    expect(text.value).toBe(
      'If multiple chronic conditions and poor access to a family physician, then fewer emergency visits, because accessible nurse case manager leads to trust in the case manager.',
    );
    await act(async () => host.querySelector<HTMLFormElement>('.new-cmoc')!.requestSubmit());
    const create = calls.find(([c]) => c === 'cmocs:create')![1] as { codes: Array<{ codeId: string; role: string }>; statement?: string };
    expect(create.codes).toEqual([
      { codeId: 'c1', role: 'context' },
      { codeId: 'c2', role: 'context' },
      { codeId: 'r1', role: 'mechanism-resource' },
      { codeId: 'p1', role: 'mechanism-response' },
      { codeId: 'o1', role: 'outcome' },
    ]);
    // Not edited by hand: the service writes the statement itself.
    expect(create.statement).toBeUndefined();
    act(() => root.unmount());
  });

  it('exports the CMOC table next to the project by default', async () => {
    const info = { path: '/home/reviewer/reviews/case-management.realist' } as ProjectInfo;
    const { host, root } = await mount(info);
    expect(host.querySelector<HTMLInputElement>('input[aria-label="Export to"]')!.value).toBe('/home/reviewer/reviews/cmocs.docx');
    await act(async () => host.querySelector<HTMLFormElement>('.export-panel')!.requestSubmit());
    expect(calls.find(([c]) => c === 'coding:export')![1]).toEqual({ what: 'cmocs', format: 'docx', path: '/home/reviewer/reviews/cmocs.docx' });
    expect(host.querySelector('.export-panel [role=status]')!.textContent).toBe('Wrote 7 CMOCs to /home/reviewer/reviews/cmocs.docx.');
    act(() => root.unmount());
  });
});
