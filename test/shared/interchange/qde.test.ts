/** The pure parts of REFI-QDA interchange: positions, archive detection, reading odd files. */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fromCodePoints, toCodePoints } from '../../../shared/interchange/positions';
import { isQdpx, zipEntryNames } from '../../../shared/interchange/qdpx-detect';
import { fromQde, normaliseGuid } from '../../../shared/interchange/qde-read';

describe('REFI-QDA positions', () => {
  it('count an emoji as one code point where JavaScript counts two units', () => {
    const text = 'a😀b';
    expect(text.length).toBe(4);
    expect(toCodePoints(text, 3)).toBe(2);
    expect(fromCodePoints(text, 2)).toBe(3);
    expect(fromCodePoints('plain', 3)).toBe(3);
  });
});

describe('REFI-QDA archive detection', () => {
  it('finds a .qde by content and refuses a zip without one', () => {
    const qdpx = zipSync({ 'My Study.qde': strToU8('<Project name="x"/>'), 'sources/a.txt': strToU8('a') });
    expect(zipEntryNames(qdpx)).toEqual(['My Study.qde', 'sources/a.txt']);
    expect(isQdpx(qdpx)).toBe(true);
    expect(isQdpx(zipSync({ 'a.txt': strToU8('a') }))).toBe(false);
    expect(isQdpx(strToU8('TY  - JOUR\nER  -\n'))).toBe(false);
  });
});

describe('reading a .qde', () => {
  it('takes braced and upper-case GUIDs, a code without colour and a source without selections', () => {
    expect(normaliseGuid('{ABCDEF01-2345-6789-ABCD-EF0123456789}')).toBe('abcdef01-2345-6789-abcd-ef0123456789');
    const r = fromQde(`<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="P">
      <CodeBook><Codes><Code guid="{AAAAAAAA-0000-0000-0000-000000000001}" name="Trust" isCodable="true"/></Codes></CodeBook>
      <Sources><TextSource guid="BBBBBBBB-0000-0000-0000-000000000001" name="t.txt"><PlainTextContent>Hello  world</PlainTextContent></TextSource></Sources>
    </Project>`);
    expect(r.project.codes).toEqual([{ guid: 'aaaaaaaa-0000-0000-0000-000000000001', name: 'Trust', isCodable: true, color: null, description: '', children: [] }]);
    expect(r.project.sources[0]).toMatchObject({ guid: 'bbbbbbbb-0000-0000-0000-000000000001', plainText: 'Hello  world', selections: [] });
  });

  it('refuses a DTD (entity expansion) and text that is not a project', () => {
    expect(() => fromQde('<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaa">]><Project name="x"/>')).toThrow(/DTD/);
    expect(() => fromQde('<CodeBook/>')).toThrow(/not a REFI-QDA project/);
  });
});
