/** `realist export`, `code` and `cmoc`: coding work from scripts and tests. */
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import type { EvidenceRole } from '../../../shared/coding/types';
import { codingServiceFor, type CodingService } from '../../services/coding/coding-service';
import { EXPORT_FORMATS, writeCodingExport, type ExportFormat, type ExportWhat } from '../../services/exports/coding-exports';
import { appVersion, jsonFlag, onePath, printJson, UsageError, withProject, type Command } from '../command';

function requiredString(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`--${name} is required`);
  return v.trim();
}

function strings(values: Record<string, unknown>, name: string): string[] {
  const v = values[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map((s) => String(s).trim()).filter(Boolean);
}

/** The code called `name` among `kinds`, created with the first of them when there is none. */
function codeByName(svc: CodingService, name: string, kinds: readonly string[]): { id: string; created: boolean } {
  const found = svc.findCodeByName(name, kinds);
  if (found) return { id: found.id, created: false };
  return { id: svc.createCode({ name, kind: kinds[0]! }).id, created: true };
}

/** The coding commands, spread into COMMANDS in ../main.ts. */
export const codingCommands: Record<string, Command> = {
  export: {
    summary: 'export CMOCs, the codebook or the excerpts',
    usage: 'realist export FILE.realist --what cmocs|codebook|excerpts --format csv|xlsx|docx|json|qdc --out PATH [--json]',
    options: { what: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, json: jsonFlag },
    async run({ values, positionals }, io) {
      const file = onePath(positionals, 'project file');
      const what = requiredString(values, 'what') as ExportWhat;
      const format = requiredString(values, 'format') as ExportFormat;
      const out = path.resolve(requiredString(values, 'out'));
      if (!(what in EXPORT_FORMATS)) throw new UsageError(`--what must be one of ${Object.keys(EXPORT_FORMATS).join(', ')}`);
      if (!EXPORT_FORMATS[what].includes(format)) throw new UsageError(`--format for ${what} must be one of ${EXPORT_FORMATS[what].join(', ')}`);
      const result = await withProject(file, (store) => writeCodingExport(codingServiceFor(store), what, format, out, `Realist Workbench ${appVersion()}`));
      if (values.json) printJson(io, { what, format, ...result });
      else io.out(`Wrote ${result.rows} ${what === 'codebook' ? 'codes' : what} to ${result.path} (${result.bytes} bytes).\n`);
      return 0;
    },
  },
  code: {
    summary: 'code an excerpt (creates the code if needed)',
    usage: 'realist code FILE.realist --excerpt ID --code NAME [--kind KIND] [--coder NAME] [--json]',
    options: { excerpt: { type: 'string' }, code: { type: 'string' }, kind: { type: 'string' }, coder: { type: 'string' }, json: jsonFlag },
    async run({ values, positionals }, io) {
      const file = onePath(positionals, 'project file');
      const excerptId = requiredString(values, 'excerpt');
      const name = requiredString(values, 'code');
      const kind = typeof values.kind === 'string' ? values.kind : undefined;
      const coder = typeof values.coder === 'string' ? values.coder : undefined;
      const result = await withProject(
        file,
        (store) => {
          const svc = codingServiceFor(store);
          const existing = svc.findCodeByName(name, kind ? [kind] : undefined);
          const code = existing ?? svc.createCode({ name, kind: kind ?? 'other' });
          const coding = svc.addCoding(excerptId, code.id);
          return { codingId: coding.id, excerptId, codeId: code.id, code: code.name, kind: code.kind, coder: coder ?? process.env.REALIST_CODER ?? null, createdCode: !existing };
        },
        coder,
      );
      if (values.json) printJson(io, result);
      else io.out(`Coded excerpt ${excerptId} with "${result.code}" (${result.kind})${result.createdCode ? ', a new code' : ''}.\n`);
      return 0;
    },
  },
  cmoc: {
    summary: 'create a CMOC from code names, with evidence',
    usage:
      'realist cmoc FILE.realist [--statement TEXT] [--label TEXT] --context CODE --mechanism CODE --outcome CODE (each repeatable; also --resource, --response) ' +
      '[--evidence EXCERPT_ID:supports|refutes|refines ...] [--coder NAME] [--json]',
    options: {
      statement: { type: 'string' },
      label: { type: 'string' },
      context: { type: 'string', multiple: true },
      mechanism: { type: 'string', multiple: true },
      resource: { type: 'string', multiple: true },
      response: { type: 'string', multiple: true },
      outcome: { type: 'string', multiple: true },
      evidence: { type: 'string', multiple: true },
      coder: { type: 'string' },
      json: jsonFlag,
    },
    async run({ values, positionals }, io) {
      const file = onePath(positionals, 'project file');
      const coder = typeof values.coder === 'string' ? values.coder : undefined;
      const evidence = strings(values, 'evidence').map((spec) => {
        const m = /^(.+):(supports|refutes|refines)$/.exec(spec);
        if (!m) throw new UsageError(`--evidence ${spec}: expected EXCERPT_ID:supports|refutes|refines`);
        return { excerptId: m[1]!, role: m[2] as EvidenceRole };
      });
      const slots: Array<[string, string[], string[]]> = [
        ['context', strings(values, 'context'), ['context']],
        // --mechanism finds a code of either mechanism kind; a new one is a resource.
        ['mechanism', strings(values, 'mechanism'), ['mechanism-resource', 'mechanism-response']],
        ['resource', strings(values, 'resource'), ['mechanism-resource']],
        ['response', strings(values, 'response'), ['mechanism-response']],
        ['outcome', strings(values, 'outcome'), ['outcome']],
      ];
      if (slots.every(([, names]) => names.length === 0) && typeof values.statement !== 'string') {
        throw new UsageError('give a --statement or at least one --context, --mechanism or --outcome');
      }
      const result = await withProject(file, (store) =>
        store.act({ label: 'Create a CMOC from the command line', verb: 'create', entityType: 'cmoc' }, () => {
          const svc = codingServiceFor(store);
          const codes: Array<{ codeId: string; role: string }> = [];
          const created: string[] = [];
          for (const [, names, kinds] of slots) {
            for (const name of names) {
              const { id, created: isNew } = codeByName(svc, name, kinds);
              if (isNew) created.push(name);
              const kind = svc.listCodes().find((c) => c.id === id)!.kind;
              codes.push({ codeId: id, role: kind });
            }
          }
          const cmoc = svc.createCmoc({
            codes,
            ...(typeof values.statement === 'string' ? { statement: values.statement } : {}),
            ...(typeof values.label === 'string' ? { label: values.label } : {}),
          });
          for (const e of evidence) {
            try {
              svc.linkEvidence({ cmocId: cmoc.id, excerptId: e.excerptId, role: e.role });
            } catch (err) {
              if (err instanceof AppError && err.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', `--evidence ${e.excerptId}: no such excerpt; nothing was saved.`);
              throw err;
            }
          }
          const detail = svc.getCmoc(cmoc.id);
          return { id: detail.id, statement: detail.statement, codes: detail.codes, createdCodes: created, evidence: detail.evidence.map((x) => ({ excerptId: x.excerptId, role: x.role })) };
        }),
        coder,
      );
      if (values.json) printJson(io, result);
      else io.out(`${result.id}\n`);
      return 0;
    },
  },
};
