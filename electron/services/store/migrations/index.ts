/**
 * Every schema step in order. `PRAGMA user_version` records the last one applied. Append
 * new steps; never edit or reorder one that has shipped.
 */
import type { Migration } from './types';
import { migration001 } from './001-initial';
import { migration002 } from './002-search-index';
import { migration003DocsAnchor } from './003-docs-anchor';
import { migration004CodersLayersLog } from './004-coders-layers-log';
import { migration005Settings } from './005-settings';
import { migration006Merges } from './006-merges';
import { migration007CmocStatus } from './007-cmoc-status';
import { migration008Theory } from './008-theory';
import { migration009ActionGroups } from './009-action-groups';
import { migration010SearchText } from './010-search-text';

export type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003DocsAnchor,
  migration004CodersLayersLog,
  migration005Settings,
  migration006Merges,
  migration007CmocStatus,
  migration008Theory,
  migration009ActionGroups,
  migration010SearchText,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** The first schema with the change log (its triggers are installed after every upgrade from then on). */
export const CHANGE_LOG_SCHEMA_VERSION = 4;
