/**
 * `realist undo`, `redo` and `log`: the project's one change log, through the history calls.
 * Undo is linear over the whole project, as Ctrl+Z in the window: it reverts the newest change
 * still in effect, whoever made it; the undo itself is recorded as made by --coder.
 */
import type { HistoryState } from '../../../shared/history/types';
import { onePositional, plural, printJson, wholeNumber, type CliIo, type OptionValues, type Runner } from '../command';
import { withProject } from '../session';

async function step(which: 'undo' | 'redo', positionals: string[], values: OptionValues, io: CliIo): Promise<number> {
  const file = onePositional(positionals, 'project file');
  const state: HistoryState = await withProject(file, values, io, (api) => api.call(which === 'undo' ? 'history:undo' : 'history:redo', {}), { writes: true });
  if (values.json) {
    printJson(io, state);
  } else if (state.applied) {
    io.out(`${which === 'undo' ? 'Undid' : 'Redid'}: ${state.applied}\n`);
  } else {
    io.out(`Nothing to ${which}.\n`);
  }
  // Nothing to undo is not a failure of the command, but a script may want to know: exit 1.
  return state.applied ? 0 : 1;
}

/** The history commands, by name (their options are in ../specs.ts). */
export const runners: Record<string, Runner> = {
  /** `history:undo`; JSON: HistoryState ({applied, canUndo, canRedo, undoLabel, redoLabel}). */
  undo: ({ values, positionals, io }) => step('undo', positionals, values, io),

  /** `history:redo`; JSON: HistoryState. */
  redo: ({ values, positionals, io }) => step('redo', positionals, values, io),

  /** `history:list`, newest first; JSON: ActionPage ({total, actions: ActionEntry[]}). */
  async log({ values, positionals, io }) {
    const limit = wholeNumber(values, 'limit', 20, 1, 1000);
    const page = await withProject(onePositional(positionals, 'project file'), values, io, (api) => api.call('history:list', { limit }));
    if (values.json) {
      printJson(io, page);
      return 0;
    }
    for (const a of page.actions) {
      const status = a.status === 'done' ? '' : `  (${a.status})`;
      io.out(`${String(a.seq).padStart(5)}  ${a.at.slice(0, 19).replace('T', ' ')}  ${(a.coder ?? '-').padEnd(16).slice(0, 16)}  ${a.label}${status}\n`);
    }
    io.out(`${plural(page.actions.length, 'change')} shown of ${page.total}\n`);
    return 0;
  },
};
