/**
 * Sets made by other tools (NVivo's sets, MAXQDA's and QualCoder's groups of codes and
 * documents, ATLAS.ti's groups): the app has no sets, so each one becomes a memo on the
 * project that names it and lists its members (codes, sources, notes), as the file named them,
 * marked by its first line (FOREIGN_SET_MEMO) so a person sees where it came from. Our own
 * CMOC Sets (MARKERS.cmoc) are restored as CMOCs instead and never reach this module.
 */
import type Database from 'better-sqlite3';
import { MARKERS, type QdeProject } from '../../../shared/interchange/qde-model';

/** The first words of a memo made from another tool's set. */
export const FOREIGN_SET_MEMO = 'REFI-QDA set ';

/** What the set memos need from the import: the ids it gave codes and sources. */
export interface SetMaps {
  code(guid: string): string | null;
  document(guid: string): string | null;
}

/** The memo text of one set (see the module comment). */
export function setMemoText(set: QdeProject['sets'][number], project: QdeProject, file: string, db: Database.Database, maps: SetMaps): string {
  const codeName = (guid: string) => {
    const id = maps.code(guid);
    const row = id ? (db.prepare('SELECT name FROM codes WHERE id = ?').get(id) as { name: string } | undefined) : undefined;
    return row?.name ?? `(a code not in the file: ${guid})`;
  };
  const sourceName = (guid: string) => {
    const s = project.sources.find((x) => x.guid === guid);
    if (!s) return `(a source not in the file: ${guid})`;
    return maps.document(guid) ? s.name : `${s.name} (not imported)`;
  };
  const noteName = (guid: string) => project.notes.find((n) => n.guid === guid)?.name || `(a note: ${guid})`;
  const lines = [`${FOREIGN_SET_MEMO}“${set.name || 'unnamed'}” from ${file}${project.origin ? ` (made with ${project.origin})` : ''}: the app keeps sets as memos.`];
  if (set.description.trim()) lines.push(set.description.trim());
  const group = (label: string, names: string[]) => names.length > 0 && lines.push(`${label} (${names.length}): ${names.join('; ')}`);
  group('Codes', set.codeGuids.map(codeName));
  group('Sources', set.sourceGuids.map(sourceName));
  group('Notes', set.noteGuids.map(noteName));
  if (set.codeGuids.length + set.sourceGuids.length + set.noteGuids.length === 0) lines.push('The set has no members.');
  return lines.join('\n');
}

/** Sets of other tools: those without our CMOC marker. */
export function foreignSets(project: QdeProject): QdeProject['sets'] {
  return project.sets.filter((s) => !s.description.startsWith(MARKERS.cmoc));
}
