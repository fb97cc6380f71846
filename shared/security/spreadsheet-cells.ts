/**
 * CSV injection ("formula injection"): a spreadsheet program runs a cell that begins with `=`,
 * `+`, `-` or `@` (and, in some, a tab or carriage return before one) as a formula, so a quote
 * or a code name taken from a document could call out to the network or run a command when a
 * colleague opens the export. Following OWASP's advice (CSV Injection, "prepend each cell field
 * with a single quote"), every CSV export writes such a cell with a leading `'`, which Excel,
 * LibreOffice and Google Sheets show as text and do not display. The full-width forms of the
 * same signs are included: some spreadsheet programs with East Asian input treat them alike.
 *
 * Our own CSV readers (the codebook import) drop that one leading quote again, so an export
 * read back gives the text as it was.
 */

/** A cell that a spreadsheet program could read as a formula (for Papa's `escapeFormulae`). */
export const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A cell as written by an export that neutralised a formula: `'` followed by a formula sign. */
const ESCAPED_FORMULA = /^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** The text of a cell read back from one of our exports (undoes the leading `'`). */
export function fromSafeCell(value: string): string {
  return ESCAPED_FORMULA.test(value) ? value.slice(1) : value;
}
