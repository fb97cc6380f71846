/**
 * The keyboard code picker in happy-dom: typing filters fuzzily (names, synonyms), arrows move,
 * Enter gives the highlighted code's id, Esc closes, and the last option creates a code whose
 * kind comes from Tab or a prefix such as "mr:".
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CodeKind, CodeNode } from '../../shared/coding/types';
import { CodePicker, splitKindPrefix } from '../../renderer/src/components/code-picker';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const KINDS: CodeKind[] = [
  { id: 'context', label: 'Context', color: '#2f9e44', sort: 1 },
  { id: 'mechanism-resource', label: 'Mechanism: resource', color: '#1c7ed6', sort: 2 },
  { id: 'mechanism-response', label: 'Mechanism: response', color: '#7048e8', sort: 3 },
  { id: 'outcome', label: 'Outcome', color: '#e8590c', sort: 4 },
];

const code = (id: string, name: string, kind: string, description = ''): CodeNode => ({ id, parentId: null, kind, name, description, color: null, sort: 0 });
const CODES: CodeNode[] = [
  code('c1', 'Multiple chronic conditions', 'context'),
  code('c2', 'Trust in the case manager', 'mechanism-response', 'The patient relies on the nurse.\nSynonyms: confidence, rapport'),
  code('c3', 'Accessible nurse case manager', 'mechanism-resource'),
  code('c4', 'Fewer emergency visits', 'outcome'),
  code('c5', 'Transport to appointments', 'context'),
];

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

function mount(extra: Partial<Parameters<typeof CodePicker>[0]> = {}) {
  const onPick = vi.fn();
  const onCreate = vi.fn();
  const onClose = vi.fn();
  act(() => root.render(<CodePicker codes={CODES} kinds={KINDS} onPick={onPick} onCreate={onCreate} onClose={onClose} {...extra} />));
  const input = host.querySelector('input')!;
  return { onPick, onCreate, onClose, input };
}

function type(input: HTMLInputElement, text: string) {
  act(() => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setter.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function press(input: HTMLInputElement, key: string, shiftKey = false) {
  act(() => {
    input.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, cancelable: true }));
  });
}

const optionNames = () => [...host.querySelectorAll('[role="option"] .picker-name')].map((o) => o.textContent);
const activeName = () => host.querySelector('[role="option"][aria-selected="true"] .picker-name')?.textContent;

describe('code picker', () => {
  it('lists every code alphabetically, then narrows to fuzzy matches as letters are typed', () => {
    const { input } = mount();
    expect(optionNames()).toEqual(['Accessible nurse case manager', 'Fewer emergency visits', 'Multiple chronic conditions', 'Transport to appointments', 'Trust in the case manager']);
    type(input, 'trst');
    // "Create code" is drawn at the top (always reachable), but the best match is the active option.
    expect(optionNames()[0]).toBe('Create code “trst”');
    expect(activeName()).toBe('Trust in the case manager');
    expect(optionNames()).not.toContain('Fewer emergency visits');
  });

  it('finds a code by a synonym from its description', () => {
    const { input } = mount();
    type(input, 'rapport');
    expect(activeName()).toBe('Trust in the case manager');
  });

  it('keeps the keyboard’s choice when the list appears under a resting pointer; a moving pointer takes it', () => {
    const { input, onPick, onCreate } = mount();
    type(input, 'trust in');
    const create = host.querySelector('.picker-create')!;
    // What Chromium sends when the list is drawn under a pointer that did not move.
    act(() => {
      create.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    });
    expect(activeName()).toBe('Trust in the case manager');
    press(input, 'Enter');
    expect(onPick).toHaveBeenCalledWith(CODES.find((c) => c.name === 'Trust in the case manager')!.id);
    expect(onCreate).not.toHaveBeenCalled();
    act(() => {
      create.dispatchEvent(new MouseEvent('mousemove', { bubbles: true }));
    });
    expect(activeName()).toBe('Create code “trust in”');
  });

  it('moves with the arrows and picks the highlighted code with Enter', () => {
    const { input, onPick } = mount();
    type(input, 'case manager');
    const names = optionNames().filter((n) => !n!.startsWith('Create'));
    expect(names).toEqual(expect.arrayContaining(['Trust in the case manager', 'Accessible nurse case manager']));
    expect(activeName()).toBe(names[0]);
    press(input, 'ArrowDown');
    expect(activeName()).toBe(names[1]);
    press(input, 'Enter');
    const id = CODES.find((c) => c.name === names[1])!.id;
    expect(onPick).toHaveBeenCalledWith(id);
    press(input, 'ArrowUp');
    press(input, 'Enter');
    expect(onPick).toHaveBeenLastCalledWith(CODES.find((c) => c.name === names[0])!.id);
  });

  it('offers "Create code" last, with the kind chosen by Tab or by a prefix', () => {
    const { input, onCreate } = mount({ defaultKind: 'context' });
    type(input, 'Peer support');
    const options = optionNames();
    expect(options[options.length - 1]).toBe('Create code “Peer support”');
    expect(host.querySelector('.picker-create .picker-kind')!.textContent).toContain('Context');
    press(input, 'Tab');
    expect(host.querySelector('.picker-create .picker-kind')!.textContent).toContain('Mechanism: resource');
    // Move to the last option (the create option) and take it.
    for (let i = 0; i < options.length - 1; i++) press(input, 'ArrowDown');
    press(input, 'Enter');
    expect(onCreate).toHaveBeenCalledWith('Peer support', 'mechanism-resource');

    type(input, 'mres: feeling heard');
    expect(host.querySelector('.picker-create .picker-kind')!.textContent).toContain('Mechanism: response');
    // The prefix narrows the matches to that kind: only the create option is left.
    expect(optionNames()).toEqual(['Create code “feeling heard”']);
    press(input, 'Enter');
    expect(onCreate).toHaveBeenLastCalledWith('feeling heard', 'mechanism-response');
  });

  it('offers no create option for a name that exists, and closes with Esc', () => {
    const { input, onClose } = mount();
    type(input, 'fewer emergency visits');
    expect(optionNames()).toEqual(['Fewer emergency visits']);
    press(input, 'Escape');
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('reads kind prefixes: c:, mr:, mres:, o: and a kind label', () => {
    expect(splitKindPrefix('c: poor access', KINDS)).toEqual({ kind: 'context', text: 'poor access' });
    expect(splitKindPrefix('mr:nurse', KINDS)).toEqual({ kind: 'mechanism-resource', text: 'nurse' });
    expect(splitKindPrefix('mres: trust', KINDS)).toEqual({ kind: 'mechanism-response', text: 'trust' });
    expect(splitKindPrefix('Outcome: fewer visits', KINDS)).toEqual({ kind: 'outcome', text: 'fewer visits' });
    expect(splitKindPrefix('Ratio: 3:1', KINDS)).toEqual({ kind: null, text: 'Ratio: 3:1' });
  });
});
