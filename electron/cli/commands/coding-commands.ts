/**
 * `realist code`, `cmoc` and `export`: coding work, through the coding calls.
 *
 * Codes are named on the command line and found by name (case and spacing aside) among the
 * project's codes (`codes:list`). A name that is not there yet is created with `codes:create`
 * before the coding or CMOC that needs it. The coding (`codings:add`) or the CMOC with all its
 * evidence (`cmocs:create` with `evidence`: one transaction, one undo step) is then one call.
 * When that call fails (an unknown excerpt, for instance), the codes this command created for it
 * are deleted again (`codes:delete`), so the project holds what it held before; the change log
 * keeps both steps.
 */
import type { ApiService } from '../../services/api-service';
import { AppError } from '../../../shared/api/errors';
import type { CodeNode, CodeSummary, EvidenceRole } from '../../../shared/coding/types';
import { onePositional, optionalString, outputFile, printJson, requiredString, strings, UsageError, type Runner } from '../command';
import type { EXPORT_FORMAT_CHOICES, EXPORT_WHAT_CHOICES, REPORT_STYLE_CHOICES } from '../specs';
import { withProject } from '../session';
import { exportTheory } from './theory-commands';

/** Names compare as the services compare them: spacing collapsed, case ignored. */
function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(a) === norm(b);
}

/** The first code called `name` (oldest first, as `codes:list` orders them) among `kinds`. */
function findCode(codes: readonly CodeSummary[], name: string, kinds?: readonly string[]): CodeSummary | null {
  return codes.find((c) => sameName(c.name, name) && (!kinds || kinds.includes(c.kind))) ?? null;
}

/**
 * Runs `fn` with a code factory that creates missing codes; when `fn` fails, the codes it created
 * are deleted again and the error is passed on, saying so.
 */
async function withNewCodes<T>(api: ApiService, fn: (create: (name: string, kind: string) => Promise<CodeNode>) => Promise<T>): Promise<T> {
  const created: CodeNode[] = [];
  try {
    return await fn(async (name, kind) => {
      const code = await api.call('codes:create', { name, kind });
      created.push(code);
      return code;
    });
  } catch (e) {
    for (const code of [...created].reverse()) await api.call('codes:delete', { id: code.id }).catch(() => undefined);
    if (created.length > 0 && e instanceof AppError) {
      throw new AppError(e.code, `${e.message} Nothing was saved (the new code${created.length === 1 ? '' : 's'} ${created.map((c) => `"${c.name}"`).join(', ')} made for it ${created.length === 1 ? 'was' : 'were'} deleted again).`, e.details);
    }
    throw e;
  }
}

/** Which kinds a name given with each CMOC option may have, and the kind a new code gets (the first). */
const CMOC_SLOTS: Array<[option: string, kinds: string[]]> = [
  ['context', ['context']],
  // --mechanism finds a code of either mechanism kind; a new one is a resource.
  ['mechanism', ['mechanism-resource', 'mechanism-response']],
  ['resource', ['mechanism-resource']],
  ['response', ['mechanism-response']],
  ['outcome', ['outcome']],
];

/** The coding commands, by name (their options are in ../specs.ts). */
export const runners: Record<string, Runner> = {
  /** `codes:list`, `codes:create` when the code is new, then `codings:add`. */
  async code({ values, positionals, io }) {
    const file = onePositional(positionals, 'project file');
    const excerptId = requiredString(values, 'excerpt');
    const name = requiredString(values, 'code');
    const kind = optionalString(values, 'kind');
    const result = await withProject(
      file,
      values,
      io,
      async (api) => {
        const { codes } = await api.call('codes:list', {});
        const existing = findCode(codes, name, kind ? [kind] : undefined);
        return withNewCodes(api, async (create) => {
          const code = existing ?? (await create(name, kind ?? 'other'));
          const coding = await api.call('codings:add', { excerptId, codeId: code.id });
          const session = await api.call('session:get', {});
          return { codingId: coding.id, excerptId, codeId: code.id, code: code.name, kind: code.kind, coder: session.coder?.name ?? null, layer: session.layer, createdCode: !existing };
        });
      },
      { writes: true },
    );
    if (values.json) printJson(io, result);
    else io.out(`Coded excerpt ${excerptId} with "${result.code}" (${result.kind})${result.createdCode ? ', a new code' : ''}.\n`);
    return 0;
  },

  /** Codes by name (created when missing), then one `cmocs:create` with the evidence; prints the CMOC's id. */
  async cmoc({ values, positionals, io }) {
    const file = onePositional(positionals, 'project file');
    const evidence = strings(values, 'evidence').map((spec) => {
      const m = /^(.+):(supports|refutes|refines)$/.exec(spec);
      if (!m) throw new UsageError(`--evidence ${spec}: expected EXCERPT_ID:supports|refutes|refines`);
      return { excerptId: m[1]!, role: m[2] as EvidenceRole };
    });
    const statement = optionalString(values, 'statement');
    const label = optionalString(values, 'label');
    const named = CMOC_SLOTS.map(([option, kinds]) => ({ names: strings(values, option), kinds }));
    if (named.every((s) => s.names.length === 0) && statement === undefined) {
      throw new UsageError('give a --statement or at least one --context, --mechanism, --resource, --response or --outcome');
    }
    const result = await withProject(
      file,
      values,
      io,
      async (api) => {
        const { codes } = await api.call('codes:list', {});
        return withNewCodes(api, async (create) => {
          const chosen: Array<{ codeId: string; role: string }> = [];
          const createdCodes: string[] = [];
          for (const { names, kinds } of named) {
            for (const name of names) {
              let code: CodeNode | null = findCode(codes, name, kinds);
              if (!code) {
                code = await create(name, kinds[0]!);
                codes.push({ ...code, codings: 0, excerpts: 0, documents: 0 });
                createdCodes.push(code.name);
              }
              chosen.push({ codeId: code.id, role: code.kind });
            }
          }
          const cmoc = await api.call('cmocs:create', {
            codes: chosen,
            evidence,
            ...(statement !== undefined ? { statement } : {}),
            ...(label !== undefined ? { label } : {}),
          });
          const detail = await api.call('cmocs:get', { id: cmoc.id });
          return {
            id: detail.id,
            label: detail.label,
            statement: detail.statement,
            layer: detail.layer,
            codes: detail.codes,
            createdCodes,
            evidence: detail.evidence.map((x) => ({ excerptId: x.excerptId, role: x.role })),
          };
        });
      },
      { writes: true },
    );
    if (values.json) printJson(io, result);
    else io.out(`${result.id}\n`);
    return 0;
  },

  /** `coding:export` to --out (an existing file only with --force). */
  async export({ values, positionals, io }) {
    const file = onePositional(positionals, 'project file');
    if (values.citations !== undefined && values.what !== 'report') throw new UsageError(`--citations belongs to the report export, not to --what ${String(values.what)}`);
    if (values.what === 'theory' || values.what === 'refinement') return exportTheory({ values, positionals, io });
    if (values.what === 'report') return exportReport({ values, positionals, io });
    for (const o of ['version', 'from', 'to', 'style', 'dpi', 'title']) {
      if (values[o] !== undefined) throw new UsageError(`--${o} belongs to the theory and refinement exports, not to --what ${String(values.what)}`);
    }
    const whatGiven = requiredString(values, 'what');
    // Checked here for a clear message before the project is opened, and again by the service
    // when it writes (never over a project, by any name; an existing file only with --force).
    if (whatGiven === 'qdpx') {
      // The whole project as a REFI-QDA archive: one format, so --format is not needed.
      const formatGiven = optionalString(values, 'format');
      if (formatGiven !== undefined) throw new UsageError('--what qdpx writes a REFI-QDA project archive; leave out --format');
      const target = outputFile(requiredString(values, 'out'), values.force === true);
      const r = await withProject(file, values, io, (api) => api.call('qdpx:export', { path: target, overwrite: values.force === true }));
      if (values.json) printJson(io, { what: 'qdpx', format: 'qdpx', path: r.path, bytes: r.bytes, counts: r.counts });
      else io.out(`Wrote ${r.counts.sources} sources, ${r.counts.selections} selections and ${r.counts.codings} codings to ${r.path} (${r.bytes} bytes).\n`);
      return 0;
    }
    const what = whatGiven as (typeof EXPORT_WHAT_CHOICES)[number];
    const format = requiredString(values, 'format') as (typeof EXPORT_FORMAT_CHOICES)[number];
    const out = outputFile(requiredString(values, 'out'), values.force === true);
    const result = await withProject(file, values, io, (api) => api.call('coding:export', { what, format, path: out, overwrite: values.force === true }));
    if (values.json) printJson(io, { what, format, ...result });
    else io.out(`Wrote ${result.rows} ${what === 'codebook' ? 'codes' : what} to ${result.path} (${result.bytes} bytes).\n`);
    return 0;
  },
};

/** `report:export` to --out: the review report as HTML or DOCX. */
const exportReport: Runner = async ({ values, positionals, io }) => {
  const file = onePositional(positionals, 'project file');
  for (const o of ['version', 'from', 'to', 'style', 'dpi']) {
    if (values[o] !== undefined) throw new UsageError(`--${o} belongs to the theory and refinement exports, not to --what report`);
  }
  const format = requiredString(values, 'format');
  if (format !== 'html' && format !== 'docx') throw new UsageError(`--what report comes as html or docx, not ${format}`);
  const style = (optionalString(values, 'citations') ?? 'vancouver') as (typeof REPORT_STYLE_CHOICES)[number];
  const title = optionalString(values, 'title');
  const out = outputFile(requiredString(values, 'out'), values.force === true);
  const r = await withProject(file, values, io, (api) => api.call('report:export', { format, style, path: out, overwrite: values.force === true, ...(title !== undefined ? { title } : {}) }));
  if (values.json) printJson(io, { what: 'report', format, path: r.path, bytes: r.bytes, flow: r.flow, counts: r.counts, cmocLayer: r.cmocLayer });
  else io.out(`Wrote the report (${r.counts.documents} documents, ${r.counts.cmocs} CMOCs, ${r.flow.identified} records identified, ${r.flow.included} included) to ${r.path} (${r.bytes} bytes).\n`);
  return 0;
};
