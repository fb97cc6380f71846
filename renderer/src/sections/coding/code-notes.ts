/**
 * A code's description carries its inclusion and exclusion notes and its synonyms as labelled
 * lines ("Include: …", "Exclude: …", "Synonyms: a, b"), because the codebook stores one
 * description per code (the REFI-QDA codebook has one too, so the notes survive a .qdc round
 * trip as plain text). These two functions read and write that convention.
 */

export interface CodeNotes {
  /** The free description, without the labelled lines. */
  text: string;
  include: string;
  exclude: string;
  synonyms: string[];
}

const LABELS: Array<[keyof Omit<CodeNotes, 'text' | 'synonyms'> | 'synonyms', RegExp]> = [
  ['include', /^\s*(?:include|inclusion|includes)\s*:\s*/i],
  ['exclude', /^\s*(?:exclude|exclusion|excludes)\s*:\s*/i],
  ['synonyms', /^\s*(?:synonyms?|also known as)\s*:\s*/i],
];

/** Splits a description into its free text and the labelled notes. */
export function readCodeNotes(description: string): CodeNotes {
  const notes: CodeNotes = { text: '', include: '', exclude: '', synonyms: [] };
  const free: string[] = [];
  for (const line of description.split(/\r?\n/)) {
    const hit = LABELS.find(([, re]) => re.test(line));
    if (!hit) {
      free.push(line);
      continue;
    }
    const [key, re] = hit;
    const value = line.replace(re, '').trim();
    if (key === 'synonyms') notes.synonyms.push(...value.split(/[,;]/).map((s) => s.trim()).filter(Boolean));
    else notes[key] = notes[key] ? `${notes[key]} ${value}` : value;
  }
  notes.text = free.join('\n').trim();
  return notes;
}

/** Writes the notes back as one description (empty notes leave no line). */
export function writeCodeNotes(notes: CodeNotes): string {
  const lines = [notes.text.trim()];
  if (notes.include.trim()) lines.push(`Include: ${notes.include.trim()}`);
  if (notes.exclude.trim()) lines.push(`Exclude: ${notes.exclude.trim()}`);
  if (notes.synonyms.length > 0) lines.push(`Synonyms: ${notes.synonyms.join(', ')}`);
  return lines.filter(Boolean).join('\n');
}
