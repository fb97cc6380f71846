/**
 * The window's shortcuts, declared once for the handlers and the hints. The desktop app owns
 * its keys; a browser keeps some for itself and never hands them to the page (Ctrl+N new
 * window, Ctrl+W close tab, Ctrl+1–9 switch tab, Alt+1–9 switch tab on Linux), so the browser
 * build uses the same shortcuts with Shift added (Ctrl+Shift+2, Alt+Shift+1) and has none for
 * closing the project. Handlers call `matches`, hints call `label`, so a tooltip always names
 * the key that works where the user is. The desktop app also accepts the browser chords, so a
 * habit formed in one works in the other.
 *
 * Pure: the transport is passed in (`keymapFor`); `keys` is the map of this window.
 */

/** A key combination: Ctrl (Cmd on macOS) and/or Alt and/or Shift with one letter or digit. */
export interface Chord {
  mod?: boolean;
  alt?: boolean;
  shift?: boolean;
  /** A lower-case letter or a digit. */
  key: string;
}

/** What the handlers and hints of one transport use. */
export interface Keymap {
  transport: 'electron' | 'web';
  /** Switches to the section with this digit. */
  section(digit: string): Chord;
  /** Closes the project; null where the browser keeps the key (no shortcut there). */
  closeProject: Chord | null;
  newProject: Chord;
  openProject: Chord;
  demoProject: Chord;
  /** Opens the picker of a CMOC builder slot (1 context … 4 outcome). */
  cmocSlot(digit: string): Chord;
}

const DESKTOP: Omit<Keymap, 'transport'> = {
  section: (d) => ({ mod: true, key: d }),
  closeProject: { mod: true, key: 'w' },
  newProject: { mod: true, key: 'n' },
  openProject: { mod: true, key: 'o' },
  demoProject: { mod: true, key: 'd' },
  cmocSlot: (d) => ({ alt: true, key: d }),
};

const BROWSER: Omit<Keymap, 'transport'> = {
  section: (d) => ({ mod: true, shift: true, key: d }),
  closeProject: null,
  newProject: { alt: true, shift: true, key: 'n' },
  // Ctrl+O and Ctrl+D reach the page in browsers (it may prevent their defaults).
  openProject: { mod: true, key: 'o' },
  demoProject: { mod: true, key: 'd' },
  cmocSlot: (d) => ({ alt: true, shift: true, key: d }),
};

/** The keymap of a transport. */
export function keymapFor(transport: 'electron' | 'web'): Keymap {
  return { transport, ...(transport === 'electron' ? DESKTOP : BROWSER) };
}

/** The physical key's `code` for a letter or digit (layout-independent with Shift held). */
function codeOf(key: string): string {
  return /^[0-9]$/.test(key) ? `Digit${key}` : `Key${key.toUpperCase()}`;
}

/** Whether a key event is exactly this chord (no other modifier held). */
export function chordMatches(chord: Chord | null, e: Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'key' | 'code'>): boolean {
  if (!chord) return false;
  if ((e.ctrlKey || e.metaKey) !== !!chord.mod || e.altKey !== !!chord.alt || e.shiftKey !== !!chord.shift) return false;
  return e.code === codeOf(chord.key) || (e.code === '' && e.key.toLowerCase() === chord.key);
}

/** "Ctrl+Shift+2", as hints and tooltips show a chord ("Cmd" on macOS). */
export function chordLabel(chord: Chord | null, mac = isMac()): string {
  if (!chord) return '';
  return [chord.mod ? (mac ? 'Cmd' : 'Ctrl') : null, chord.alt ? (mac ? 'Option' : 'Alt') : null, chord.shift ? 'Shift' : null, chord.key.toUpperCase()].filter(Boolean).join('+');
}

/**
 * Whether `e` is `action` in this window's keymap. On the desktop the browser's chord of the
 * same action works too (see the file comment).
 */
export function matches(map: Keymap, pick: (m: Omit<Keymap, 'transport'>) => Chord | null, e: KeyboardEvent): boolean {
  if (chordMatches(pick(map), e)) return true;
  return map.transport === 'electron' && chordMatches(pick(BROWSER), e);
}

function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
}

/** This window's keymap: the desktop app's when the Electron preload is there, else the browser's. */
export const keys: Keymap = keymapFor(typeof window !== 'undefined' && window.realist?.transport === 'electron' ? 'electron' : 'web');

/** The section digit a key event asks for (see Keymap.section), or null. */
export function sectionDigit(map: Keymap, e: KeyboardEvent): string | null {
  const m = /^Digit([0-9])$/.exec(e.code) ?? (/^[0-9]$/.test(e.key) ? [e.key, e.key] : null);
  if (!m) return null;
  return matches(map, (k) => k.section(m[1]!), e) ? m[1]! : null;
}
