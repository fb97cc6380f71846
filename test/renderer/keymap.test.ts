/**
 * The keymap: the browser build never binds the keys a browser keeps (Ctrl+N, Ctrl+W,
 * Ctrl+1-9, Alt+1-9); the desktop app does, and also accepts the browser's chords.
 */
import { describe, expect, it } from 'vitest';
import { chordLabel, keymapFor, matches, sectionDigit } from '../../renderer/src/keymap';

const press = (key: string, code: string, mods: Partial<Record<'ctrlKey' | 'shiftKey' | 'altKey' | 'metaKey', boolean>> = {}) =>
  new KeyboardEvent('keydown', { key, code, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods });

describe('keymap', () => {
  const web = keymapFor('web');
  const desktop = keymapFor('electron');

  it('names browser-safe chords in the browser build and the plain ones on the desktop', () => {
    expect(chordLabel(web.section('2'), false)).toBe('Ctrl+Shift+2');
    expect(chordLabel(desktop.section('2'), false)).toBe('Ctrl+2');
    expect(web.closeProject).toBeNull();
    expect(chordLabel(desktop.closeProject, false)).toBe('Ctrl+W');
    expect(chordLabel(web.newProject, false)).toBe('Alt+Shift+N');
    expect(chordLabel(web.cmocSlot('3'), false)).toBe('Alt+Shift+3');
    expect(chordLabel(desktop.cmocSlot('3'), true)).toBe('Option+3');
  });

  it('matches only the chords of its transport in the browser, both on the desktop', () => {
    expect(sectionDigit(web, press('@', 'Digit2', { ctrlKey: true, shiftKey: true }))).toBe('2');
    expect(sectionDigit(web, press('2', 'Digit2', { ctrlKey: true }))).toBeNull();
    expect(sectionDigit(desktop, press('2', 'Digit2', { ctrlKey: true }))).toBe('2');
    expect(sectionDigit(desktop, press('@', 'Digit2', { ctrlKey: true, shiftKey: true }))).toBe('2');
    expect(matches(web, (k) => k.newProject, press('n', 'KeyN', { ctrlKey: true }))).toBe(false);
    expect(matches(web, (k) => k.newProject, press('N', 'KeyN', { altKey: true, shiftKey: true }))).toBe(true);
    expect(matches(web, (k) => k.cmocSlot('1'), press('1', 'Digit1', { altKey: true }))).toBe(false);
    expect(matches(web, (k) => k.cmocSlot('1'), press('!', 'Digit1', { altKey: true, shiftKey: true }))).toBe(true);
    expect(matches(web, (k) => k.closeProject, press('w', 'KeyW', { ctrlKey: true }))).toBe(false);
  });
});
