/**
 * The line scanner the line-tagged formats other than RIS share (MEDLINE, Web of Science,
 * EndNote/Refer, Ovid). A dialect says how to read a tag line and where records start and end;
 * the scanner does the rest the same way for all of them: BOM, CRLF/LF/mixed endings (only LF
 * splits, so U+2028 stays inside a value), untagged continuation lines, the importers' one rule
 * for what becomes a record (record-rule.ts: anything with content is kept, with a warning for
 * what it lacks), and one clear error for a text with no tag.
 */
import type { ParsedRecord, ParseOutput } from './types';
import { parseFailure } from './types';
import { admit, newSink } from './record-rule';
import type { TagValues } from './tagged-fields';
import { addValue } from './tagged-fields';

/** How one line-tagged format is written. */
export interface TaggedDialect {
  /** Human name for messages ("MEDLINE", "Web of Science"). */
  name: string;
  /** Example of a tag line for the "this is not a ... file" message. */
  example: string;
  /** The tag and the value of a tag line, or null for an untagged line. Values come back trimmed. */
  readTag(line: string): { tag: string; value: string } | null;
  /** True when a tag starts a new record even inside an open one (`PMID-`, `PT`, `%0`). */
  startsRecord(tag: string, fields: Map<string, string[]>): boolean;
  /** Tag that closes a record (`ER` in Web of Science), if any. */
  endTag?: string;
  /** Tags that are file headers, never record content (`FN`, `VR`, `EF`). */
  headerTags?: ReadonlySet<string>;
  /** True when a blank line ends the record (MEDLINE, EndNote); false where blank lines occur inside records (Ovid). */
  blankEndsRecord: boolean;
  /** A non-tag line that starts a record by itself (Ovid `<1. >`). */
  isRecordMarker?(line: string): boolean;
  /** Tags whose continuation line is another value rather than more of the same value. */
  listTags: ReadonlySet<string>;
  /** Builds the record; returns it even when empty (the scanner decides what is malformed). */
  toRecord(fields: TagValues, line: number, raw: string): ParsedRecord;
}

/** Runs `dialect` over `text`; see the module comment for what every dialect gets for free. */
export function scanTagged(text: string, dialect: TaggedDialect): ParseOutput {
  const sink = newSink();
  const { errors } = sink;
  const len = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNo = 0;
  let fields: Map<string, string[]> | null = null;
  let recLine = 0;
  let recStart = 0;
  let recEnd = 0;
  let last: string[] | null = null;
  let lastTag = '';
  let sawTag = false;
  let strayLine = -1;
  let pendingMarker: { line: number; start: number } | null = null;

  const finish = () => {
    if (fields && fields.size > 0) {
      admit(sink, dialect.toRecord(fields, recLine, text.slice(recStart, recEnd)), `${dialect.name} record`);
    }
    fields = null;
    last = null;
    lastTag = '';
  };

  while (pos < len) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = len;
    let end = nl;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    const line = text.slice(pos, end);
    lineNo++;
    const blank = line.trim() === '';
    if (blank) {
      if (dialect.blankEndsRecord && fields) finish();
    } else if (dialect.isRecordMarker?.(line)) {
      finish();
      pendingMarker = { line: lineNo, start: pos };
    } else {
      const tagged = dialect.readTag(line);
      if (tagged && dialect.headerTags?.has(tagged.tag)) {
        sawTag = true;
      } else if (tagged) {
        sawTag = true;
        const { tag, value } = tagged;
        if (tag === dialect.endTag) {
          if (fields) {
            recEnd = end;
            finish();
          }
        } else {
          if (fields && dialect.startsRecord(tag, fields)) finish();
          if (!fields) {
            fields = new Map();
            recLine = pendingMarker ? pendingMarker.line : lineNo;
            recStart = pendingMarker ? pendingMarker.start : pos;
            pendingMarker = null;
          }
          last = addValue(fields, tag, value);
          lastTag = tag;
          recEnd = end;
        }
      } else if (fields && last) {
        const t = line.trim();
        if (dialect.listTags.has(lastTag)) last.push(t);
        else last[last.length - 1] = last[last.length - 1] ? `${last[last.length - 1]} ${t}` : t;
        recEnd = end;
      } else if (strayLine < 0) {
        strayLine = lineNo;
      }
    }
    pos = nl + 1;
  }
  finish();
  if (!sawTag) return parseFailure(1, `No ${dialect.name} tags found (lines like "${dialect.example}"): this is not a ${dialect.name} file`);
  if (strayLine > 0) errors.push({ line: strayLine, message: `Text outside any ${dialect.name} record was ignored` });
  errors.sort((a, b) => a.line - b.line);
  return sink;
}
