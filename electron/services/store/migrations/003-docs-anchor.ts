/**
 * Schema 3 (highlights): a highlight's own colour. Schema 1 gave excerpts every selector but
 * no colour; the reader lets a coder colour a highlight before (or instead of) coding it, and
 * an uncoded highlight has no code colour to borrow. NULL means "the default highlight colour".
 */
import type { Migration } from './types';

export const migration003DocsAnchor: Migration = {
  version: 3,
  name: 'excerpt colour',
  up: (db) => {
    db.exec(`ALTER TABLE excerpts ADD COLUMN color TEXT;`);
  },
};
