/**
 * `realist export --what theory|refinement`: a program theory diagram (SVG, PNG, PDF, GraphML,
 * Mermaid or JSON) or the refinement between two versions, through `theory:export`. Versions
 * are named as the user names them ("initial", "refined"); without `--version` the theory export
 * takes the newest version on the timeline.
 */
import { AppError } from '../../../shared/api/errors';
import type { TheoryVersionSummary } from '../../../shared/theory/types';
import { onePositional, optionalString, outputFile, printJson, requiredString, UsageError, type Runner } from '../command';
import type { THEORY_FORMAT_CHOICES } from '../specs';
import { withProject } from '../session';

/** The version called `name` (case-insensitive), or a clear error listing the ones there are. */
function versionNamed(versions: readonly TheoryVersionSummary[], name: string): TheoryVersionSummary {
  const found = versions.find((v) => v.label.toLowerCase() === name.trim().toLowerCase());
  if (found) return found;
  const names = versions.map((v) => `"${v.label}"`).join(', ');
  throw new AppError('NOT_FOUND', versions.length ? `No program theory version called "${name}"; the versions are ${names}.` : 'This project has no program theory version yet.');
}

/** The export runner's theory and refinement branch (the export command hands over to it). */
export const exportTheory: Runner = async ({ values, positionals, io }) => {
  const file = onePositional(positionals, 'project file');
  const what = values.what as 'theory' | 'refinement';
  const format = requiredString(values, 'format') as (typeof THEORY_FORMAT_CHOICES)[number];
  if (!['svg', 'png', 'pdf', 'graphml', 'mermaid', 'json'].includes(format)) throw new UsageError(`the ${what} export comes as svg, png, pdf, graphml, mermaid or json, not ${format}`);
  if (what === 'refinement' && (format === 'graphml' || format === 'mermaid')) throw new UsageError('a refinement exports as svg, png, pdf or json');
  if (what === 'theory' && (values.from !== undefined || values.to !== undefined)) throw new UsageError('--from and --to name the versions of a refinement (--what refinement)');
  if (what === 'refinement' && values.version !== undefined) throw new UsageError('a refinement names its versions with --from and --to, not --version');
  const dpiText = optionalString(values, 'dpi');
  const dpi = dpiText === undefined ? undefined : Number(dpiText);
  if (dpi !== undefined && !(Number.isInteger(dpi) && dpi >= 36 && dpi <= 1200)) throw new UsageError(`--dpi is a whole number from 36 to 1200 (found ${dpiText})`);
  const style = optionalString(values, 'style') as 'colour' | 'print' | undefined;
  const title = optionalString(values, 'title');
  const out = outputFile(requiredString(values, 'out'), values.force === true);
  const from = what === 'refinement' ? requiredString(values, 'from') : undefined;
  const to = what === 'refinement' ? requiredString(values, 'to') : undefined;
  const result = await withProject(file, values, io, async (api) => {
    const versions = await api.call('theory:list', {});
    const common = { format, path: out, overwrite: values.force === true, ...(style ? { style } : {}), ...(dpi !== undefined ? { dpi } : {}), ...(title !== undefined ? { title } : {}) };
    if (what === 'theory') {
      const name = optionalString(values, 'version');
      const version = name !== undefined ? versionNamed(versions, name) : [...versions].sort((a, b) => a.sort - b.sort).at(-1);
      if (!version) throw new AppError('NOT_FOUND', 'This project has no program theory version yet.');
      return { version: version.label, ...(await api.call('theory:export', { what, versionId: version.id, ...common })) };
    }
    const a = versionNamed(versions, from!);
    const b = versionNamed(versions, to!);
    return { from: a.label, to: b.label, ...(await api.call('theory:export', { what, fromId: a.id, toId: b.id, ...common })) };
  });
  const { contentBase64: _unused, ...shown } = result;
  void _unused;
  if (values.json) printJson(io, { what, format, ...shown });
  else io.out(`Wrote the ${what === 'theory' ? `program theory "${(result as { version?: string }).version}"` : `refinement from "${(result as { from?: string }).from}" to "${(result as { to?: string }).to}"`} as ${format} to ${result.path} (${result.bytes} bytes${result.pixels ? `, ${result.pixels.width}×${result.pixels.height} px` : ''}).\n`);
  return 0;
};
