/**
 * LaTeX text (as BibTeX field values write it) to plain Unicode: accents, special letters,
 * dashes, ties, escaped specials, common text and math commands, and brace groups (case
 * protection) removed. Pure; no TeX engine: unknown commands are dropped and their arguments
 * kept, which is what a reader of the title wants to see.
 */

/** Accent commands and the Unicode combining mark each one stands for. */
const ACCENTS: Record<string, string> = {
  '"': '\u0308',
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030c',
  H: '\u030b',
  c: '\u0327',
  k: '\u0328',
  r: '\u030a',
  d: '\u0323',
  b: '\u0331',
  t: '\u0361',
};

/** Commands that stand for one character (text mode, plus the Greek letters and symbols math titles use). */
const SYMBOLS: Record<string, string> = {
  ss: 'ß', SS: 'SS', o: 'ø', O: 'Ø', aa: 'å', AA: 'Å', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ',
  l: 'ł', L: 'Ł', i: 'ı', j: 'ȷ', dh: 'ð', DH: 'Ð', th: 'þ', TH: 'Þ', ng: 'ŋ', NG: 'Ŋ', dj: 'đ', DJ: 'Đ',
  '&': '&', '%': '%', $: '$', '#': '#', _: '_', '{': '{', '}': '}', ' ': ' ', ',': '\u2009', ';': ' ', '!': '', '/': '', '-': '', '\\': ' ',
  textendash: '–', textemdash: '—', textquoteright: '’', textquoteleft: '‘', textquotedblleft: '“', textquotedblright: '”',
  ldots: '…', dots: '…', textellipsis: '…', copyright: '©', textcopyright: '©', textregistered: '®', texttrademark: '™',
  S: '§', P: '¶', pounds: '£', euro: '€', texteuro: '€', textdegree: '°', degree: '°', textasciitilde: '~', textbackslash: '\\',
  textunderscore: '_', textbar: '|', textless: '<', textgreater: '>', textbullet: '•', dag: '†', ddag: '‡', textdagger: '†',
  LaTeX: 'LaTeX', TeX: 'TeX', BibTeX: 'BibTeX', guillemotleft: '«', guillemotright: '»', quad: ' ', qquad: ' ', space: ' ',
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', iota: 'ι',
  kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', upsilon: 'υ', phi: 'φ',
  varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π',
  Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω', times: '×', pm: '±', leq: '≤', le: '≤', geq: '≥', ge: '≥',
  slash: '/', neq: '≠', ne: '≠', approx: '≈', infty: '∞', cdot: '·', rightarrow: '→', to: '→', leftarrow: '←', sim: '∼', circ: '∘',
};

/**
 * Converts a LaTeX-encoded string to Unicode (NFC). `--` and `---` become en and em dashes,
 * `~` a no-break space, ``` `` ``` and `''` curly double quotes; `$` is dropped and the math
 * inside converted as far as the symbol table goes.
 */
export function latexToUnicode(value: string): string {
  return convert(value).normalize('NFC');
}

function convert(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === '\\') {
      // A doubled backslash before an accent or a letter ("D\\'ecoret", "Swe{\\i}g") is an
      // export that escaped its backslashes twice (JSON-style), not a TeX line break.
      const doubled = s[i + 1] === '\\' && /[a-zA-Z"'`^~=.]/.test(s[i + 2] ?? '');
      const { name, end } = readCommand(s, i + (doubled ? 2 : 1));
      i = end;
      if (name in ACCENTS) {
        const arg = readArgument(s, i);
        i = arg.end;
        // An accent with nothing to sit on ("\~}" at the end of a group) is the symbol itself.
        out += arg.text ? applyAccent(convert(arg.text), ACCENTS[name]!) : name.length === 1 && !/[a-z]/i.test(name) ? name : '';
      } else if (name in SYMBOLS) {
        out += SYMBOLS[name];
      }
      // Any other command (\emph, \textit, \url, \mbox...): drop the name, keep its argument.
      continue;
    }
    if (ch === '{' || ch === '}' || ch === '$') {
      i++;
      continue;
    }
    if (ch === '-' && s.startsWith('---', i)) {
      out += '—';
      i += 3;
      continue;
    }
    if (ch === '-' && s.startsWith('--', i)) {
      out += '–';
      i += 2;
      continue;
    }
    if (ch === '~') {
      out += '\u00a0';
      i++;
      continue;
    }
    if (s.startsWith('``', i) || s.startsWith("''", i)) {
      out += ch === '`' ? '“' : '”';
      i += 2;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** A control word (letters, then the spaces TeX swallows after it) or a control symbol. */
function readCommand(s: string, start: number): { name: string; end: number } {
  let j = start;
  while (j < s.length && /[a-zA-Z]/.test(s[j]!)) j++;
  if (j === start) return { name: s[start] ?? '', end: Math.min(start + 1, s.length) };
  const name = s.slice(start, j);
  while (j < s.length && (s[j] === ' ' || s[j] === '\t')) j++;
  return { name, end: j };
}

/** An accent's argument: a brace group, a command (`\i`) or a single character. */
function readArgument(s: string, start: number): { text: string; end: number } {
  let j = start;
  while (j < s.length && /\s/.test(s[j]!)) j++;
  if (s[j] === '{') {
    let depth = 0;
    for (let k = j; k < s.length; k++) {
      if (s[k] === '{') depth++;
      else if (s[k] === '}' && --depth === 0) return { text: s.slice(j + 1, k), end: k + 1 };
    }
    return { text: s.slice(j + 1), end: s.length };
  }
  if (s[j] === '}' || j >= s.length) return { text: '', end: j };
  if (s[j] === '\\') {
    const cmd = readCommand(s, j + 1);
    return { text: s.slice(j, cmd.end), end: cmd.end };
  }
  return { text: s[j] ?? '', end: Math.min(j + 1, s.length) };
}

function applyAccent(base: string, mark: string): string {
  if (!base) return '';
  // A dotless i or j under an accent is the ordinary letter in Unicode.
  const first = base[0] === 'ı' ? 'i' : base[0] === 'ȷ' ? 'j' : base[0]!;
  return first + mark + base.slice(1);
}
