/**
 * Every schema step in order. `PRAGMA user_version` records the last one applied. Append
 * new steps; never edit or reorder one that has shipped.
 */
import type { Migration } from './types';
import { migration001 } from './001-initial';
import { migration002 } from './002-search-index';
import { migration003DocsAnchor } from './003-docs-anchor';
import { migration004SearchText } from './004-search-text';

export type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003DocsAnchor, migration004SearchText];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
