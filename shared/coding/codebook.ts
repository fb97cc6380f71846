/**
 * Codebook tree operations as pure functions. Each operation checks its rules against a
 * `CodebookState` and returns a plan: the list of row changes that carry it out. The service
 * applies a plan in one SQLite transaction (recording the inverse for undo); tests apply it
 * in memory with `applyPlan`. Keeping the rules here means the UI can ask "may I drop this
 * code here?" with the very same function the database write uses.
 */
import type { CmocCodeRef, CodeNode, CodebookState, CodingRef } from './types';

/** A rule of the codebook was broken; `reason` is stable, the message is for people. */
export class CodebookError extends Error {
  readonly reason: 'not-found' | 'cycle' | 'duplicate-name' | 'empty-name' | 'same-code' | 'bad-split';
  constructor(reason: CodebookError['reason'], message: string) {
    super(message);
    this.name = 'CodebookError';
    this.reason = reason;
  }
}

/** One row change. Codes are soft-deleted (`remove`) so that undo can bring them back. */
export type PlanStep =
  | { op: 'code:insert'; code: CodeNode }
  | { op: 'code:update'; id: string; patch: Partial<Omit<CodeNode, 'id'>> }
  | { op: 'code:remove'; id: string }
  | { op: 'coding:recode'; codingId: string; codeId: string }
  | { op: 'coding:delete'; codingId: string }
  | { op: 'cmocCode:insert'; ref: CmocCodeRef }
  | { op: 'cmocCode:delete'; cmocId: string; codeId: string; role: string };

export type CodebookPlan = PlanStep[];

/** A code tree node for display: the code and its children in `sort`, then name, order. */
export interface CodeTreeNode<T extends CodeNode = CodeNode> {
  code: T;
  children: CodeTreeNode<T>[];
}

function byId(codes: readonly CodeNode[], id: string): CodeNode {
  const code = codes.find((c) => c.id === id);
  if (!code) throw new CodebookError('not-found', `No code with id ${id}.`);
  return code;
}

function compareCodes(a: CodeNode, b: CodeNode): number {
  return a.sort - b.sort || a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id.localeCompare(b.id);
}

/**
 * The forest of codes. A code whose parent is missing (deleted, or outside the list) is shown
 * at the top rather than lost.
 */
export function buildCodeTree<T extends CodeNode>(codes: readonly T[]): CodeTreeNode<T>[] {
  const nodes = new Map<string, CodeTreeNode<T>>(codes.map((c) => [c.id, { code: c, children: [] }]));
  const roots: CodeTreeNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.code.parentId ? nodes.get(node.code.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sortAll = (list: CodeTreeNode<T>[]) => {
    list.sort((a, b) => compareCodes(a.code, b.code));
    for (const n of list) sortAll(n.children);
  };
  sortAll(roots);
  return roots;
}

/** Ids of every code below `id` (not `id` itself). */
export function descendantIds(codes: readonly CodeNode[], id: string): Set<string> {
  const out = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    const at = stack.pop()!;
    for (const c of codes) {
      if (c.parentId === at && !out.has(c.id)) {
        out.add(c.id);
        stack.push(c.id);
      }
    }
  }
  return out;
}

/**
 * True when putting `id` under `parentId` would make a code its own ancestor: the parent is
 * the code itself or one of its descendants. The UI uses it to refuse a drop before it happens.
 */
export function wouldCreateCycle(codes: readonly CodeNode[], id: string, parentId: string | null): boolean {
  if (parentId === null) return false;
  return parentId === id || descendantIds(codes, id).has(parentId);
}

/** Names are trimmed and inner runs of white space collapsed, so "A  b " and "A b" are one name. */
export function normaliseCodeName(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}

/**
 * Refuses an empty name, or a name a sibling already has, compared without case: two siblings
 * called "Trust" and "trust" would be indistinguishable in an export. Top-level codes are
 * siblings only within their kind (the kinds are the top folders of the codebook), so a
 * context and an outcome may share a name.
 */
export function checkCodeName(codes: readonly CodeNode[], name: string, parentId: string | null, exceptId?: string, kind?: string): string {
  const clean = normaliseCodeName(name);
  if (!clean) throw new CodebookError('empty-name', 'A code needs a name.');
  const clash = codes.find(
    (c) =>
      c.id !== exceptId &&
      c.parentId === parentId &&
      (parentId !== null || kind === undefined || c.kind === kind) &&
      c.name.localeCompare(clean, undefined, { sensitivity: 'base' }) === 0,
  );
  if (clash) throw new CodebookError('duplicate-name', `There is already a code "${clash.name}" at this place in the codebook.`);
  return clean;
}

/** Renames a code. Codings and CMOCs refer to the code by id, so the new name shows everywhere. */
export function planRename(state: CodebookState, id: string, name: string): CodebookPlan {
  const code = byId(state.codes, id);
  const clean = checkCodeName(state.codes, name, code.parentId, id, code.kind);
  return clean === code.name ? [] : [{ op: 'code:update', id, patch: { name: clean } }];
}

/** Moves a code (with its subtree) under `parentId` (null: to the top). Refuses cycles. */
export function planMove(state: CodebookState, id: string, parentId: string | null, sort?: number): CodebookPlan {
  const code = byId(state.codes, id);
  if (parentId !== null) byId(state.codes, parentId);
  if (wouldCreateCycle(state.codes, id, parentId)) {
    throw new CodebookError('cycle', `"${code.name}" cannot be moved inside itself or one of its own sub-codes.`);
  }
  checkCodeName(state.codes, code.name, parentId, id, code.kind);
  const patch: Partial<CodeNode> = {};
  if (code.parentId !== parentId) patch.parentId = parentId;
  if (sort !== undefined && sort !== code.sort) patch.sort = sort;
  return Object.keys(patch).length === 0 ? [] : [{ op: 'code:update', id, patch }];
}

function codingKey(c: Pick<CodingRef, 'excerptId' | 'coderId'>): string {
  return `${c.excerptId}\u0000${c.coderId ?? ''}`;
}

/**
 * Merges code `fromId` into `intoId`. Every coding of `from` moves to `into`; where the same
 * coder had already given `into` to the same excerpt, the duplicate is deleted (so each
 * (excerpt, coder) pair keeps exactly one coding). Every CMOC that used `from` uses `into` in
 * the same role (a duplicate role entry collapses). Sub-codes of `from` move under `into`, and
 * `from` is removed. Merging into one's own sub-code is refused: the sub-code would have to
 * become its own ancestor.
 */
export function planMerge(state: CodebookState, fromId: string, intoId: string): CodebookPlan {
  if (fromId === intoId) throw new CodebookError('same-code', 'A code cannot be merged into itself.');
  const from = byId(state.codes, fromId);
  const into = byId(state.codes, intoId);
  if (descendantIds(state.codes, fromId).has(intoId)) {
    throw new CodebookError('cycle', `"${from.name}" cannot be merged into its own sub-code "${into.name}".`);
  }
  const plan: CodebookPlan = [];
  const taken = new Set(state.codings.filter((c) => c.codeId === intoId).map(codingKey));
  for (const coding of state.codings.filter((c) => c.codeId === fromId)) {
    const key = codingKey(coding);
    if (taken.has(key)) {
      plan.push({ op: 'coding:delete', codingId: coding.id });
    } else {
      taken.add(key);
      plan.push({ op: 'coding:recode', codingId: coding.id, codeId: intoId });
    }
  }
  const roleTaken = new Set(state.cmocCodes.filter((r) => r.codeId === intoId).map((r) => `${r.cmocId}\u0000${r.role}`));
  for (const ref of state.cmocCodes.filter((r) => r.codeId === fromId)) {
    plan.push({ op: 'cmocCode:delete', cmocId: ref.cmocId, codeId: fromId, role: ref.role });
    const key = `${ref.cmocId}\u0000${ref.role}`;
    if (!roleTaken.has(key)) {
      roleTaken.add(key);
      plan.push({ op: 'cmocCode:insert', ref: { ...ref, codeId: intoId } });
    }
  }
  const siblingsOfInto = state.codes.filter((c) => c.parentId === intoId);
  for (const child of state.codes.filter((c) => c.parentId === fromId)) {
    // A sub-code whose name is already used under `into` is merged in turn rather than duplicated.
    const twin = siblingsOfInto.find((s) => s.name.localeCompare(child.name, undefined, { sensitivity: 'base' }) === 0);
    if (twin) {
      const inner = planMerge(applyPlan(state, plan), child.id, twin.id);
      plan.push(...inner);
    } else {
      plan.push({ op: 'code:update', id: child.id, patch: { parentId: intoId } });
    }
  }
  plan.push({ op: 'code:remove', id: fromId });
  return plan;
}

/** What a split makes: a new sibling code that takes the chosen codings. */
export interface SplitRequest {
  codeId: string;
  /** Name of the new code (a sibling of the original, same kind and colour). */
  name: string;
  /** Codings of the original code that move to the new one; at least one, not all needed. */
  codingIds: readonly string[];
  newId: string;
  description?: string;
}

/**
 * Splits a code in two: a new sibling with the same kind takes the chosen codings; the
 * original keeps the rest and its CMOC references (a CMOC names a theory, and which half it
 * means is a reviewer's decision, made afterwards).
 */
export function planSplit(state: CodebookState, req: SplitRequest): CodebookPlan {
  const code = byId(state.codes, req.codeId);
  const name = checkCodeName(state.codes, req.name, code.parentId, undefined, code.kind);
  const own = new Set(state.codings.filter((c) => c.codeId === code.id).map((c) => c.id));
  if (req.codingIds.length === 0) throw new CodebookError('bad-split', 'Choose at least one coded passage to move to the new code.');
  const stray = req.codingIds.find((id) => !own.has(id));
  if (stray) throw new CodebookError('bad-split', `Coding ${stray} is not a coding of "${code.name}".`);
  const siblings = state.codes.filter((c) => c.parentId === code.parentId);
  const plan: CodebookPlan = [
    {
      op: 'code:insert',
      code: {
        id: req.newId,
        parentId: code.parentId,
        kind: code.kind,
        name,
        description: req.description ?? '',
        color: code.color,
        sort: Math.max(code.sort, ...siblings.map((s) => s.sort)) + 1,
      },
    },
  ];
  for (const id of new Set(req.codingIds)) plan.push({ op: 'coding:recode', codingId: id, codeId: req.newId });
  return plan;
}

/** Applies a plan to an in-memory state (tests, previews). The input is not changed. */
export function applyPlan(state: CodebookState, plan: CodebookPlan): CodebookState {
  let codes = state.codes.map((c) => ({ ...c }));
  let codings = state.codings.map((c) => ({ ...c }));
  let cmocCodes = state.cmocCodes.map((r) => ({ ...r }));
  for (const step of plan) {
    switch (step.op) {
      case 'code:insert':
        codes.push({ ...step.code });
        break;
      case 'code:update':
        codes = codes.map((c) => (c.id === step.id ? { ...c, ...step.patch } : c));
        break;
      case 'code:remove':
        codes = codes.filter((c) => c.id !== step.id);
        break;
      case 'coding:recode':
        codings = codings.map((c) => (c.id === step.codingId ? { ...c, codeId: step.codeId } : c));
        break;
      case 'coding:delete':
        codings = codings.filter((c) => c.id !== step.codingId);
        break;
      case 'cmocCode:insert':
        cmocCodes.push({ ...step.ref });
        break;
      case 'cmocCode:delete':
        cmocCodes = cmocCodes.filter((r) => !(r.cmocId === step.cmocId && r.codeId === step.codeId && r.role === step.role));
        break;
    }
  }
  return { codes, codings, cmocCodes };
}
