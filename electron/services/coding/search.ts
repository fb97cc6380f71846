/**
 * search:all: one query over the whole project, answered by kind. Long texts (record titles
 * and abstracts, page text, excerpt quotes) go through the FTS5 indexes (bm25 ranking,
 * porter stemming, so "trusting" finds "trust"); short fields (code names, CMOC statements,
 * memos) through fuse.js, which forgives typos ("case manger") that a reviewer makes when
 * looking for a code they half remember.
 */
import Fuse from 'fuse.js';
import type { SearchHit, SearchResults } from '../../../shared/coding/types';
import type { ProjectStore } from '../store/project-store';

/**
 * Turns what a person typed into an FTS5 query: each word quoted (so punctuation and FTS5
 * operators like NEAR or a stray quote are taken literally), all words required, the last one
 * as a prefix so results appear while typing. Null when nothing searchable is left.
 */
export function toFtsQuery(input: string): string | null {
  const words = input.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

/** fuse.js threshold: 0 is exact, 1 anything; 0.35 lets one slip per short word through. */
const FUZZY_THRESHOLD = 0.35;

/** The query's words (lower case, at least 2 letters, at most 8), for word matching. */
function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter((w) => w.length >= 2).slice(0, 8);
}

/** 1 / (1 + occurrences of all `words` in `text`), or null unless every word occurs. Lower is better, like fuse.js. */
function wordScore(text: string, words: readonly string[]): number | null {
  const t = text.toLowerCase();
  let n = 0;
  for (const w of words) {
    const k = t.split(w).length - 1;
    if (k === 0) return null;
    n += k;
  }
  return 1 / (1 + n);
}

/**
 * Fuzzy (fuse.js) on the short field, which forgives typos in a name, and word matching on
 * the long one (a description, a statement), where fuzzy matching would cost tens of
 * milliseconds per search and match too loosely. Each item keeps its better score.
 */
function shortAndLong<T extends { id: string }>(
  items: readonly T[],
  short: (item: T) => string,
  long: (item: T) => string,
  query: string,
  limit: number,
  toHit: (item: T, score: number) => SearchHit,
): SearchHit[] {
  const best = new Map<string, { item: T; score: number }>();
  const fuse = new Fuse(items.map((item) => ({ item, text: short(item) })), { keys: ['text'], includeScore: true, ignoreLocation: true, threshold: FUZZY_THRESHOLD, minMatchCharLength: 2 });
  for (const r of fuse.search(query, { limit })) best.set(r.item.item.id, { item: r.item.item, score: r.score ?? 0 });
  const words = queryWords(query);
  if (words.length > 0) {
    for (const item of items) {
      const score = wordScore(long(item), words);
      if (score === null) continue;
      const seen = best.get(item.id);
      if (!seen || score < seen.score) best.set(item.id, { item, score });
    }
  }
  return [...best.values()]
    .sort((a, b) => a.score - b.score)
    .slice(0, limit)
    .map(({ item, score }) => toHit(item, score));
}

function clip(text: string, max = 160): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

/**
 * Memos are long free text, where a fuzzy matcher costs tens of milliseconds per search (it
 * scores every character of every memo), so they are matched by words instead: every word of
 * the query must occur (case-insensitive substring, so "manag" finds "managers"), ranked by
 * how often the words occur.
 */
function memoHits(store: ProjectStore, query: string, limit: number): SearchHit[] {
  const words = queryWords(query);
  if (words.length === 0) return [];
  const where = words.map(() => "instr(lower(body), ?) > 0").join(' AND ');
  const rows = store.db
    .prepare(`SELECT id, target_type, body FROM memos WHERE deleted_at IS NULL AND ${store.layerFilter('coder_id')} AND ${where}`)
    .all(...words) as Array<{ id: string; target_type: string; body: string }>;
  return rows
    .map((m) => ({ m, score: wordScore(m.body, words) ?? 1 }))
    .sort((a, b) => a.score - b.score)
    .slice(0, limit)
    .map(({ m, score }) => ({ kind: 'memo' as const, id: m.id, title: `Memo on ${m.target_type.replace('_', ' ')}`, snippet: clip(m.body), score }));
}

/** Searches records, page text, excerpts, codes, CMOCs and memos; each group best first. */
export function searchAll(store: ProjectStore, query: string, limit: number): SearchResults {
  const db = store.db;
  const fts = toFtsQuery(query);
  const results: SearchResults = { record: [], page: [], excerpt: [], code: [], cmoc: [], memo: [] };
  if (fts) {
    results.record = (
      db
        .prepare(
          `SELECT r.id, r.title, snippet(records_fts, 2, '[', ']', '…', 12) AS snip, records_fts.rank AS score
           FROM records_fts JOIN records r ON r.rowid = records_fts.rowid
           LEFT JOIN import_batches b ON b.id = r.batch_id
           WHERE records_fts MATCH ? AND b.undone_at IS NULL AND r.merged_into IS NULL ORDER BY records_fts.rank LIMIT ?`,
        )
        .all(fts, limit) as Array<{ id: string; title: string; snip: string | null; score: number }>
    ).map((r) => ({ kind: 'record', id: r.id, title: r.title, snippet: clip(r.snip || r.title), score: r.score }));
    results.page = (
      db
        .prepare(
          `SELECT d.id AS document_id, d.title, p.page_index, snippet(pages_fts, 0, '[', ']', '…', 16) AS snip, pages_fts.rank AS score
           FROM pages_fts JOIN pages p ON p.rowid = pages_fts.rowid JOIN documents d ON d.id = p.document_id AND d.deleted_at IS NULL
           WHERE pages_fts MATCH ? ORDER BY pages_fts.rank LIMIT ?`,
        )
        .all(fts, limit) as Array<{ document_id: string; title: string; page_index: number; snip: string; score: number }>
    ).map((r) => ({
      kind: 'page',
      id: `${r.document_id}:${r.page_index}`,
      title: `${r.title}, page ${r.page_index + 1}`,
      snippet: clip(r.snip),
      score: r.score,
      documentId: r.document_id,
    }));
    results.excerpt = (
      db
        .prepare(
          `SELECT e.id, e.document_id, d.title, snippet(excerpts_fts, 0, '[', ']', '…', 16) AS snip, excerpts_fts.rank AS score
           FROM excerpts_fts JOIN excerpts e ON e.rowid = excerpts_fts.rowid AND e.deleted_at IS NULL AND ${store.layerFilter('e.coder_id')}
           JOIN documents d ON d.id = e.document_id AND d.deleted_at IS NULL
           WHERE excerpts_fts MATCH ? ORDER BY excerpts_fts.rank LIMIT ?`,
        )
        .all(fts, limit) as Array<{ id: string; document_id: string; title: string; snip: string; score: number }>
    ).map((r) => ({ kind: 'excerpt', id: r.id, title: r.title, snippet: clip(r.snip), score: r.score, documentId: r.document_id }));
  }
  const codes = db.prepare('SELECT id, name, description FROM codes WHERE deleted_at IS NULL').all() as Array<{ id: string; name: string; description: string }>;
  results.code = shortAndLong(
    codes,
    (c) => c.name,
    (c) => c.description,
    query,
    limit,
    (c, score) => ({ kind: 'code', id: c.id, title: c.name, snippet: clip(c.description || c.name), score }),
  );
  const cmocs = db.prepare(`SELECT id, label, statement FROM cmocs WHERE deleted_at IS NULL AND ${store.layerFilter('coder_id')}`).all() as Array<{ id: string; label: string; statement: string }>;
  results.cmoc = shortAndLong(
    cmocs,
    (c) => c.label,
    (c) => c.statement,
    query,
    limit,
    (c, score) => ({ kind: 'cmoc', id: c.id, title: c.label || clip(c.statement, 60), snippet: clip(c.statement), score }),
  );
  results.memo = memoHits(store, query, limit);
  return results;
}
