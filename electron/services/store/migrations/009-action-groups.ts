/**
 * Schema 9: actions that are undone together. Merging a coder's package replays each of their
 * actions here with its own id, coder and clock (so the audit view says who did what, and a
 * second merge of the same package changes nothing), but for the lead the merge is one step:
 * Ctrl+Z must take the whole merge back, and Ctrl+Shift+Z bring it back. `group_id` ties the
 * actions of one merge together and `group_label` names the step ("Merge the package of
 * Reviewer B"); undo and redo treat a group as one action. Ordinary actions have no group.
 *
 * Only the change log's own table changes (it has no logging triggers). Self-contained SQL, so
 * it can be renumbered on merge.
 */
import type { Migration } from './types';

export const migration009ActionGroups: Migration = {
  version: 9,
  name: 'action groups (a merge is one undo step)',
  up: (db) => {
    db.exec(`
ALTER TABLE actions ADD COLUMN group_id TEXT;
ALTER TABLE actions ADD COLUMN group_label TEXT;
CREATE INDEX actions_group ON actions(group_id, seq) WHERE group_id IS NOT NULL;
`);
  },
};
