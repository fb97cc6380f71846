import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CodeKind, CodeSummary, ExcerptWithSource } from '../../../shared/coding/types';

const KINDS: CodeKind[] = [
  { id: 'context', label: 'Context', color: '#2f9e44', sort: 1 },
  { id: 'mechanism-resource', label: 'Mechanism: resource', color: '#1c7ed6', sort: 2 },
];
const code = (id: string, name: string, kind: string, parentId: string | null = null): CodeSummary => ({ id, name, kind, parentId, description: '', color: null, sort: 0, codings: 2, excerpts: 2, documents: 1 });
const CODES = [code('a', 'Accessible nurse case manager', 'mechanism-resource'), code('b', 'Direct phone line', 'mechanism-resource', 'a'), code('c', 'Multiple chronic conditions', 'context')];
const passage = (excerptId: string, quote: string, codingIds: string[]): ExcerptWithSource => ({
  excerptId,
  documentId: 'd',
  documentTitle: 'Interview',
  citation: 'Interview',
  quote,
  pageIndex: 0,
  start: 0,
  end: quote.length,
  coders: ['Reviewer A'],
  codingIds,
});

const calls: Array<[string, unknown]> = [];
vi.mock('../../../renderer/src/api', () => ({
  api: {
    result: async (channel: string, request: unknown) => {
      calls.push([channel, request]);
      if (channel === 'codes:list') return { ok: true, value: { kinds: KINDS, codes: CODES } };
      if (channel === 'codes:excerpts') return { ok: true, value: [passage('e1', 'She calls me back the same day.', ['g1']), passage('e2', 'I have her direct line.', ['g2', 'g3'])] };
      return { ok: true, value: CODES[0] };
    },
  },
}));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => {
  document.body.innerHTML = '';
  calls.length = 0;
});

describe('Codebook section', () => {
  it('shows codes under their kind, nested, and splits chosen passages into a new code', async () => {
    const { Codebook } = await import('../../../renderer/src/sections/coding/codebook');
    const host = document.createElement('div');
    document.body.appendChild(host);
    const root = createRoot(host);
    await act(async () => root.render(<Codebook info={null} refresh={() => undefined} />));
    const groups = Array.from(host.querySelectorAll('.kind-group')).map((g) => [g.querySelector('h3')!.textContent!.trim(), Array.from(g.querySelectorAll('.code-name')).map((b) => b.textContent)]);
    expect(groups).toEqual([
      ['Context', ['Multiple chronic conditions']],
      ['Mechanism: resource', ['Accessible nurse case manager', 'Direct phone line']],
    ]);
    const row = Array.from(host.querySelectorAll<HTMLElement>('.code-row')).find((r) => r.querySelector('.code-name')!.textContent === 'Direct phone line')!;
    expect(row.style.paddingLeft).toBe('26px');

    const a = Array.from(host.querySelectorAll<HTMLButtonElement>('.code-name')).find((b) => b.textContent === 'Accessible nurse case manager')!;
    await act(async () => a.click());
    const boxes = host.querySelectorAll<HTMLInputElement>('.code-passages input[type=checkbox]');
    expect(boxes).toHaveLength(2);
    await act(async () => boxes[1]!.click());
    const name = host.querySelector<HTMLInputElement>('input[aria-label="Name of the new code"]')!;
    await act(async () => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setter.call(name, 'Phone line given at enrolment');
      name.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(host.querySelector('.split-form button')!.textContent).toBe('Split 2 codings off');
    await act(async () => host.querySelector<HTMLFormElement>('.split-form')!.requestSubmit());
    expect(calls.find(([c]) => c === 'codes:split')![1]).toEqual({ id: 'a', name: 'Phone line given at enrolment', codingIds: ['g2', 'g3'] });
    act(() => root.unmount());
  });
});
