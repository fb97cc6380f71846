/**
 * The one place where a refused call becomes a sentence for the reviewer. A VALIDATION error
 * carries zod's issues (path, code, limits; see electron/services/api-service.ts); shown raw
 * they read "Invalid arguments for codes:create: name: Too big: expected string to have
 * <=500 characters". Here each issue is said in plain words with the field's own name, and
 * every other error keeps the service's message, which is already written for people.
 *
 * Forms pass the names of their fields (`{ name: 'The code name' }`); a field a form does
 * not name is called by its path's last word.
 */
import type { ApiError } from '../../shared/api/errors';

/** One issue of a VALIDATION error's details, as the services send it. */
interface Issue {
  path?: string;
  message?: string;
  code?: string;
  maximum?: number;
  minimum?: number;
  origin?: string;
}

/** The limits forms share with the call schemas (shared/api/calls/*.ts); a field's maxLength uses these. */
export const LIMITS = {
  codeName: 500,
  description: 20_000,
  cmocLabel: 500,
  statement: 5000,
  note: 20_000,
  memo: 100_000,
  kindLabel: 100,
  searchQuery: 500,
  path: 4096,
} as const;

function fieldName(path: string, fields: Record<string, string>): string {
  if (fields[path]) return fields[path]!;
  const last = path.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? '';
  if (!last) return 'The value';
  const words = last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `The ${words}`;
}

function plural(n: number, one: string): string {
  return `${n.toLocaleString()} ${one}${n === 1 ? '' : 's'}`;
}

/** One issue in words: "The code name can be at most 500 characters long." */
export function issueSentence(issue: Issue, fields: Record<string, string> = {}): string {
  const field = fieldName(issue.path ?? '', fields);
  const unit = issue.origin === 'array' || issue.origin === 'set' ? 'item' : 'character';
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'number' || issue.origin === 'int') return `${field} can be at most ${issue.maximum?.toLocaleString()}.`;
      return `${field} can be at most ${plural(issue.maximum ?? 0, unit)} long.`;
    case 'too_small':
      if (issue.origin === 'number' || issue.origin === 'int') return `${field} must be at least ${issue.minimum?.toLocaleString()}.`;
      if ((issue.minimum ?? 0) <= 1) return `${field} cannot be empty.`;
      return `${field} needs at least ${plural(issue.minimum ?? 0, unit)}.`;
    case 'invalid_format':
    case 'invalid_string':
      return `${field} is not in the expected form${issue.message && !/^Invalid/.test(issue.message) ? ` (${issue.message})` : ''}.`;
    case 'invalid_value':
    case 'invalid_enum_value':
      return `${field} is not one of the allowed choices.`;
    case 'unrecognized_keys':
      return 'The app sent a field the server does not know; please report this.';
    default:
      return `${field} is not valid${issue.message ? ` (${issue.message.toLowerCase()})` : ''}.`;
  }
}

/**
 * A refused call in plain words. VALIDATION errors with issues become one sentence per
 * issue; a VALIDATION error the services wrote themselves (no issue list) keeps its message.
 */
export function plainError(error: Pick<ApiError, 'code' | 'message' | 'details'>, fields: Record<string, string> = {}): string {
  if (error.code === 'VALIDATION' && Array.isArray(error.details) && error.details.length > 0 && (error.details as Issue[]).every((i) => typeof i === 'object' && i !== null && 'path' in i)) {
    const sentences = [...new Set((error.details as Issue[]).map((i) => issueSentence(i, fields)))];
    return sentences.join(' ');
  }
  if (error.code === 'VALIDATION' && error.message.startsWith('Invalid arguments for ')) {
    // An older service without issue codes: drop the channel name at least.
    return error.message.replace(/^Invalid arguments for [a-zA-Z:]+: /, 'Not saved: ');
  }
  return error.message;
}
