/**
 * Text widths for laying out diagrams without a browser: the advance widths of DejaVu Sans and
 * DejaVu Sans Bold (the fonts the exports embed and declare first), in thousandths of an em,
 * read from the fonts' hmtx tables (dejavu-fonts-ttf 2.37.3) for printable ASCII, Latin-1,
 * Latin Extended-A and the punctuation reviewers type. A character outside the table counts as
 * the width of "M" less a little (0.6 em), which errs wide: a label may end short of its box,
 * never past it. Kerning is ignored for the same reason (DejaVu's kerning only narrows).
 */

/** The font family every diagram declares, the embedded font first. */
export const DIAGRAM_FONT_FAMILY = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', Arial, Helvetica, sans-serif";

const CHARS = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ¡¢£¤¥¦§¨©ª«¬­®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĲĳĴĵĶķĸĹĺĻļĽľĿŀŁłŃńŅņŇňŉŊŋŌōŎŏŐőŒœŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſ–—‘’“”…•·→←↔−≤≥≈ακ↑↓";
// prettier-ignore
const REGULAR = [318,401,460,838,636,950,780,275,390,390,500,838,318,361,318,337,636,636,636,636,636,636,636,636,636,636,337,337,838,838,838,531,1000,684,686,698,770,632,575,775,752,295,295,656,557,863,748,787,603,787,695,635,611,732,684,989,685,611,685,390,337,390,838,500,500,613,635,550,635,615,352,635,634,278,278,579,278,974,634,612,635,635,411,521,392,634,592,818,592,592,525,636,337,636,838,318,401,636,636,636,636,337,500,500,1000,471,612,838,361,1000,500,500,838,401,401,500,636,636,318,500,401,471,612,969,969,969,531,684,684,684,684,684,684,974,698,632,632,632,632,295,295,295,295,775,748,787,787,787,787,787,838,787,732,732,732,732,611,605,630,613,613,613,613,613,613,982,550,615,615,615,615,278,278,278,278,612,634,612,612,612,612,612,838,612,634,634,634,634,592,635,592,684,613,684,613,684,613,698,550,698,550,698,550,698,550,770,635,775,635,632,615,632,615,632,615,632,615,632,615,775,635,775,635,775,635,775,635,752,634,916,695,295,278,295,278,295,278,295,278,295,278,590,556,295,278,656,579,579,557,278,557,278,557,375,557,342,562,284,748,634,748,634,748,634,813,748,634,787,612,787,612,787,612,1070,1023,695,411,695,411,695,411,635,521,635,521,635,521,635,521,611,392,611,392,611,392,732,634,732,634,732,634,732,634,732,634,732,634,989,818,611,592,611,685,525,685,525,685,525,352,500,1000,318,318,518,518,1000,590,318,838,838,838,838,838,838,838,659,589,838,838];
// prettier-ignore
const BOLD = [348,456,521,838,696,1002,872,306,457,457,523,838,380,415,380,365,696,696,696,696,696,696,696,696,696,696,400,400,838,838,838,580,1000,774,762,734,830,683,683,821,837,372,372,775,637,995,837,850,733,850,770,720,682,812,774,1103,771,724,725,457,365,457,838,500,500,675,716,593,716,678,435,716,712,343,343,665,343,1042,712,687,716,716,493,595,478,712,652,924,645,652,582,712,365,712,838,348,456,696,696,636,696,365,500,500,1000,564,646,838,415,1000,500,500,838,438,438,500,736,636,380,500,438,564,646,1035,1035,1035,580,774,774,774,774,774,774,1085,734,683,683,683,683,372,372,372,372,838,837,850,850,850,850,850,838,850,812,812,812,812,724,738,719,675,675,675,675,675,675,1048,593,678,678,678,678,343,343,343,343,687,712,687,687,687,687,687,838,687,712,712,712,712,652,716,652,774,675,774,675,774,675,734,593,734,593,734,593,734,593,830,716,838,716,683,678,683,678,683,678,683,678,683,678,821,716,821,716,821,716,821,716,837,712,974,790,372,343,372,343,372,343,372,343,372,343,744,686,372,343,775,665,665,637,343,637,343,637,479,637,557,642,371,837,712,837,712,837,712,983,837,712,850,687,850,687,850,687,1167,1094,770,493,770,493,770,493,720,595,720,595,720,595,720,595,682,478,682,478,682,478,812,712,812,712,812,712,812,712,812,712,812,712,1103,924,724,652,724,725,582,725,582,725,582,435,500,1000,380,380,657,657,1000,639,380,838,838,838,838,838,838,838,687,710,838,838];

const FALLBACK = 600;
const INDEX = new Map<number, number>();
for (let i = 0; i < CHARS.length; i += 1) INDEX.set(CHARS.codePointAt(i)!, i);

/** The width of `text` in px at `size` px (bold or not). */
export function textWidth(text: string, size: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text) {
    const i = INDEX.get(ch.codePointAt(0)!);
    units += i === undefined ? FALLBACK : table[i]!;
  }
  return (units * size) / 1000;
}

/**
 * Breaks `text` into lines no wider than `width` px at `size`, at spaces (a word longer than a
 * line is cut). With `maxLines`, the last line ends in "…" when text is left over.
 */
export function wrapText(text: string, width: number, size: number, options: { bold?: boolean; maxLines?: number } = {}): string[] {
  const bold = options.bold ?? false;
  const max = options.maxLines ?? Infinity;
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  const fits = (s: string) => textWidth(s, size, bold) <= width;
  for (let w of words) {
    while (!fits(w)) {
      // A word wider than the line: cut it where it stops fitting.
      let cut = w.length - 1;
      while (cut > 1 && !fits(w.slice(0, cut))) cut -= 1;
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push(w.slice(0, cut));
      w = w.slice(cut);
    }
    const next = line ? `${line} ${w}` : w;
    if (fits(next)) line = next;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  let last = kept[max - 1]!;
  while (last && !fits(`${last}…`)) last = last.slice(0, -1).trimEnd();
  kept[max - 1] = `${last}…`;
  return kept;
}
