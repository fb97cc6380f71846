/**
 * The short citation a quote carries in tables and exports: "Hudon (2020)", "Hudon and
 * Chouinard (2018)", "Hudon et al. (2015)" (author-date style: one or two family names, else
 * the first and "et al."). Without authors the title stands in; without a year, "n.d.", as
 * APA writes an undated source.
 */
export function shortCitation(authors: ReadonlyArray<{ family?: string; given?: string; literal?: string }>, year: number | null, fallbackTitle: string): string {
  const names = authors.map((a) => (a.family ?? a.literal ?? '').trim()).filter(Boolean);
  const when = year === null ? 'n.d.' : String(year);
  if (names.length === 0) return `${fallbackTitle} (${when})`;
  if (names.length === 1) return `${names[0]} (${when})`;
  if (names.length === 2) return `${names[0]} and ${names[1]} (${when})`;
  return `${names[0]} et al. (${when})`;
}
