/**
 * Our extraction against poppler's `pdftotext` on every fixture PDF that carries text: the bags
 * of words (lower case, NFKC, letters and digits) must overlap by more than 0.95 (Dice
 * coefficient on word multisets). The word bag ignores reading order on purpose: the two
 * programs join columns and lines differently, and what matters for search and matching is
 * that the same words come out. `-layout` is the mode that agrees best with us (measured on the
 * six articles: 0.968 to 1.000 with `-layout`, 0.965 to 0.996 with the default mode), so it is
 * used here.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { PdfWorkerPool } from '../../../electron/services/documents/worker-pool';
import { fixture, HAVE_FIXTURES } from '../../helpers/fixtures';
import { noteSkip } from '../../helpers/skip-notes';

const PDFTOTEXT = '/usr/bin/pdftotext';
const HAVE_PDFTOTEXT = fs.existsSync(PDFTOTEXT);
if (!HAVE_PDFTOTEXT) {
  console.warn(`[pdftotext] skipping the comparison: ${PDFTOTEXT} is missing (Debian package poppler-utils)`);
  noteSkip('pdftotext', `no ${PDFTOTEXT}, install Debian's poppler-utils`);
}

/** Fixture PDFs with text, and the password that opens the encrypted ones. */
const TEXT_PDFS: [file: string, password?: string][] = [
  ['articles/AgyemanDuah2014_BMCHealthServRes_QI-Malawi_2col.pdf'],
  ['articles/Datta2010_JTraumaManagOutcomes_systematic-review_2col.pdf'],
  ['articles/Douglas2014_ClinSci_ACE-inhibitors.pdf'],
  ['articles/GeoTopo_117pages_german_lecture-notes.pdf'],
  ['articles/Tully2010_RehabilResPract_heart-failure-experiences.pdf'],
  ['articles/Webb2017_PeerJCompSci_VESPA.pdf'],
  ['derived/AgyemanDuah2014_ROTATED_p3-90_p5-180_p7-270.pdf'],
  ['derived/Datta2010_ENCRYPTED_userpw-realist.pdf', 'realist'],
  ['edge-cases/pdfjs_ArabicCIDTrueType.pdf'],
  ['edge-cases/pdfjs_copy_paste_ligatures.pdf'],
  ['edge-cases/pdfjs_hello_world_rotated.pdf'],
  ['edge-cases/pdfjs_helloworld-bad.pdf'],
  ['edge-cases/pdfjs_issue4684.pdf'],
  ['edge-cases/pdfjs_issue6010_1.pdf', 'abc'],
  ['edge-cases/pdfjs_issue6010_2.pdf', 'æøå'],
  ['edge-cases/pdfjs_rotation.pdf'],
  ['edge-cases/pdfjs_scan-bad.pdf'],
  ['edge-cases/pdfjs_vertical.pdf'],
  ['edge-cases/pdfjs_xref_command_missing.pdf'],
  ['edge-cases/pypdf_arabic_habibi-rotated.pdf'],
  ['edge-cases/pypdf_existing-highlight-ink-text-annotations.pdf'],
  ['edge-cases/pypdf_latex-multicolumn.pdf'],
  ['edge-cases/pypdf_libreoffice_password-openpassword.pdf', 'openpassword'],
];

/**
 * The PDFs where the two programs disagree, why, and the overlap measured (the test holds it).
 * Both are Arabic; in the Latin-script articles every word agrees to 0.96 or better.
 */
const KNOWN_DIFFERENCES: Record<string, { overlap: number; why: string }> = {
  'edge-cases/pdfjs_ArabicCIDTrueType.pdf': {
    overlap: 0.66,
    why: 'one of the three words per line uses a ligature glyph; pdf.js maps it to two letters (خل), poppler to one presentation-form ligature, so that word differs',
  },
  'edge-cases/pypdf_arabic_habibi-rotated.pdf': {
    overlap: 0.79,
    why: 'the third "habibi" is set in a font without a ToUnicode map: pdf.js reports its glyph codes as letters (ϲΒϴΒ), poppler drops them',
  },
};

function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Dice coefficient of two word multisets: 1 when the same words occur the same number of times. */
function wordBagOverlap(a: string[], b: string[]): number {
  if (a.length + b.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const w of b) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of a) {
    const n = counts.get(w) ?? 0;
    if (n > 0) {
      common++;
      counts.set(w, n - 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}

describe.skipIf(!HAVE_FIXTURES || !HAVE_PDFTOTEXT)('extraction agrees with pdftotext -layout', () => {
  const pool = new PdfWorkerPool(2);
  afterAll(() => pool.close());

  it.each(TEXT_PDFS)('%s', async (file, password) => {
    const path = fixture(`pdf/${file}`);
    const ours = await pool.extract(new Uint8Array(fs.readFileSync(path)), password);
    expect(ours.status).toBe('ok');
    const poppler = execFileSync(PDFTOTEXT, ['-layout', ...(password ? ['-upw', password] : []), path, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const overlap = wordBagOverlap(words(ours.pages.map((p) => p.text).join('\n')), words(poppler));
    const known = KNOWN_DIFFERENCES[file];
    if (known) expect(overlap, known.why).toBeGreaterThanOrEqual(known.overlap);
    else expect(overlap).toBeGreaterThan(0.95);
  });
});
