import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../../shared/import/decode';
import { fixture, HAVE_FIXTURES } from '../../helpers/fixtures';

/** UTF-16 code units of `text` as bytes, little- or big-endian, optionally after a BOM. */
function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const units = (bom ? '\ufeff' : '') + text;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const c = units.charCodeAt(i);
    out[2 * i + (littleEndian ? 0 : 1)] = c & 0xff;
    out[2 * i + (littleEndian ? 1 : 0)] = c >> 8;
  }
  return out;
}

const SAMPLE = 'TY  - JOUR\r\nAU  - Begré, Stéphane\r\nTI  - Känel – “quoted”\r\nER  - \r\n';

describe('decodeBytes', () => {
  it('reads UTF-8 without a BOM', () => {
    expect(decodeBytes(new TextEncoder().encode(SAMPLE))).toEqual({ text: SAMPLE, encoding: 'utf-8', bom: false });
  });

  it('strips a UTF-8 BOM and says it was there', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(SAMPLE)]);
    expect(decodeBytes(bytes)).toEqual({ text: SAMPLE, encoding: 'utf-8', bom: true });
  });

  it('reads UTF-16LE and UTF-16BE by their BOM', () => {
    expect(decodeBytes(utf16(SAMPLE, true, true))).toEqual({ text: SAMPLE, encoding: 'utf-16le', bom: true });
    expect(decodeBytes(utf16(SAMPLE, false, true))).toEqual({ text: SAMPLE, encoding: 'utf-16be', bom: true });
  });

  it('reads UTF-16 without a BOM by the pattern of NUL bytes', () => {
    expect(decodeBytes(utf16(SAMPLE, true, false))).toEqual({ text: SAMPLE, encoding: 'utf-16le', bom: false });
    expect(decodeBytes(utf16(SAMPLE, false, false))).toEqual({ text: SAMPLE, encoding: 'utf-16be', bom: false });
  });

  it('falls back to Windows-1252 when the bytes are not valid UTF-8', () => {
    // "Café € 25°" in Windows-1252: é = E9, € = 80, ° = B0 (none of them valid as UTF-8 here).
    const bytes = new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x20, 0x32, 0x35, 0xb0]);
    expect(decodeBytes(bytes)).toEqual({ text: 'Café € 25°', encoding: 'windows-1252', bom: false });
  });

  it.skipIf(!HAVE_FIXTURES)('decodes the Windows-1252 BibTeX fixture with the degree sign intact', () => {
    const { text, encoding } = decodeBytes(new Uint8Array(fs.readFileSync(fixture('bibtex/jabref_encoding-windows-1252-with-header.bib'))));
    expect(encoding).toBe('windows-1252');
    // xxd shows byte B0 in "abstract = {25\xb0 C}"; B0 is the degree sign in Windows-1252.
    expect(text).toContain('abstract = {25° C}');
    expect(text.startsWith('% Encoding: windows-1252')).toBe(true);
  });

  it.skipIf(!HAVE_FIXTURES)('keeps a UTF-8 fixture with non-ASCII names as UTF-8 (PTSD review RIS: Begré, Känel)', () => {
    const { text, encoding } = decodeBytes(new Uint8Array(fs.readFileSync(fixture('ris/ptsd_vandeSchoot2017_included-1_363rec.ris'))));
    expect(encoding).toBe('utf-8');
    expect(text).toContain('Begré');
  });
});
