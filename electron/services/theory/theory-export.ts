/**
 * Diagram files, made on the service side so that the command line, the web bridge and the
 * desktop app produce the same bytes: SVG from the pure scene (shared/theory), PNG rendered
 * from that SVG by resvg (@resvg/resvg-js: a Rust renderer shipped as a prebuilt Node addon,
 * no browser, no download at run time), PDF drawn from the same SVG by PDFKit with
 * svg-to-pdfkit (text stays text, the font embedded), and GraphML, Mermaid and JSON from the
 * graph.
 *
 * Fonts: the SVG declares DejaVu Sans first (with common fallbacks); PNG and PDF embed DejaVu
 * Sans from the dejavu-fonts-ttf package, the font whose widths the layout measured, so the
 * labels fit their boxes whatever fonts the machine has.
 *
 * A PNG carries its resolution (a pHYs chunk), so a 300 dpi export prints at the diagram's
 * size. The largest PNG made is 120 megapixels: a bigger request is refused with the
 * resolution that would fit, rather than exhausting memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { AppError } from '../../../shared/api/errors';
import type { TheoryExportResult } from '../../../shared/api/calls/theory';
import { toGraphMl, toMermaid, toRefinementJson, toTheoryJson } from '../../../shared/theory/formats';
import { buildTheoryGraph } from '../../../shared/theory/graph';
import { layoutTheoryGraph } from '../../../shared/theory/layout';
import type { DiagramStyle } from '../../../shared/theory/palette';
import { refinementScene } from '../../../shared/theory/refinement-scene';
import { sceneToSvg, type Scene } from '../../../shared/theory/scene';
import { theoryScene } from '../../../shared/theory/theory-scene';
import type { TheoryService } from './theory-service';

const requireHere = createRequire(__filename);

/** The most pixels one PNG may have (120 million: a poster at 300 dpi is about 70). */
export const MAX_PNG_PIXELS = 120_000_000;

/** CSS px per inch: SVG user units are CSS px. */
const PX_PER_INCH = 96;

function fontFile(name: string): string {
  return path.join(path.dirname(requireHere.resolve('dejavu-fonts-ttf/package.json')), 'ttf', name);
}

export const DIAGRAM_FONTS = { regular: () => fontFile('DejaVuSans.ttf'), bold: () => fontFile('DejaVuSans-Bold.ttf') };

/** Inserts a pHYs chunk (pixels per metre) after the IHDR chunk of a PNG. */
export function withPngResolution(png: Buffer, dpi: number): Buffer {
  const ppm = Math.round(dpi / 0.0254);
  const data = Buffer.alloc(9);
  data.writeUInt32BE(ppm, 0);
  data.writeUInt32BE(ppm, 4);
  data.writeUInt8(1, 8); // unit: metre
  const type = Buffer.from('pHYs', 'ascii');
  const chunk = Buffer.alloc(4 + 4 + 9 + 4);
  chunk.writeUInt32BE(9, 0);
  type.copy(chunk, 4);
  data.copy(chunk, 8);
  chunk.writeUInt32BE(zlib.crc32(Buffer.concat([type, data])) >>> 0, 17);
  const ihdrEnd = 8 + 4 + 4 + 13 + 4;
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd)]);
}

/** Renders SVG to PNG at `dpi` (see the module comment for the size limit). */
export function svgToPng(svg: string, size: { width: number; height: number }, dpi: number): { png: Buffer; width: number; height: number } {
  const zoom = dpi / PX_PER_INCH;
  // resvg rounds the zoomed size to whole pixels.
  const width = Math.round(size.width * zoom);
  const height = Math.round(size.height * zoom);
  if (width * height > MAX_PNG_PIXELS) {
    const fits = Math.floor(PX_PER_INCH * Math.sqrt(MAX_PNG_PIXELS / (size.width * size.height)));
    throw new AppError(
      'VALIDATION',
      `At ${dpi} dpi this diagram would be ${width.toLocaleString('en')} × ${height.toLocaleString('en')} pixels, more than the ${MAX_PNG_PIXELS / 1e6}-megapixel limit. Choose ${fits} dpi or less, or export SVG or PDF, which stay sharp at any size.`,
    );
  }
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: zoom },
    font: { loadSystemFonts: false, fontFiles: [DIAGRAM_FONTS.regular(), DIAGRAM_FONTS.bold()], defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  });
  const image = resvg.render();
  return { png: withPngResolution(image.asPng(), dpi), width: image.width, height: image.height };
}

/** Draws SVG into a one-page PDF of the diagram's size (1 CSS px = 0.75 pt), text as text. */
export async function svgToPdf(svg: string, size: { width: number; height: number }, title: string): Promise<Buffer> {
  const w = size.width * 0.75;
  const h = size.height * 0.75;
  const doc = new PDFDocument({ size: [w, h], margin: 0, info: { Title: title, Creator: 'Realist Workbench' }, autoFirstPage: true });
  doc.registerFont('DejaVu Sans', DIAGRAM_FONTS.regular());
  doc.registerFont('DejaVu Sans Bold', DIAGRAM_FONTS.bold());
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  SVGtoPDF(doc, svg, 0, 0, { width: w, height: h, preserveAspectRatio: 'xMinYMin meet', fontCallback: (_family: string, bold: boolean) => (bold ? 'DejaVu Sans Bold' : 'DejaVu Sans') });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

export interface TheoryExportRequest {
  what: 'theory' | 'refinement';
  versionId?: string | undefined;
  fromId?: string | undefined;
  toId?: string | undefined;
  format: 'svg' | 'png' | 'pdf' | 'graphml' | 'mermaid' | 'json';
  style: DiagramStyle;
  dpi: number;
  title?: string | undefined;
}

const MIME: Record<TheoryExportRequest['format'], string> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  pdf: 'application/pdf',
  graphml: 'application/graphml+xml',
  mermaid: 'text/vnd.mermaid',
  json: 'application/json',
};
const EXTENSION: Record<TheoryExportRequest['format'], string> = { svg: 'svg', png: 'png', pdf: 'pdf', graphml: 'graphml', mermaid: 'mmd', json: 'json' };

function safeName(s: string): string {
  return s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-').trim().slice(0, 120) || 'theory';
}

/** The scene and name of a theory or refinement diagram (what every image format starts from). */
export function exportScene(svc: TheoryService, req: Pick<TheoryExportRequest, 'what' | 'versionId' | 'fromId' | 'toId' | 'style' | 'title'>, projectName: string): { scene: Scene; baseName: string } {
  const title = req.title || projectName;
  if (req.what === 'theory') {
    const v = svc.getVersion(req.versionId!);
    const layout = layoutTheoryGraph(buildTheoryGraph(v));
    return { scene: theoryScene(layout, { title, versionLabel: v.label, stage: v.stage, style: req.style }), baseName: `${projectName} - theory ${v.label}` };
  }
  const from = svc.getVersion(req.fromId!);
  const to = svc.getVersion(req.toId!);
  const mapping = svc.mapping(from.id, to.id);
  return {
    scene: refinementScene({ title, from, to, changes: mapping.changes, style: req.style, proposed: !mapping.stored }),
    baseName: `${projectName} - refinement ${from.label} to ${to.label}`,
  };
}

/** Makes the export's bytes (see the module comment). */
export async function makeTheoryExport(svc: TheoryService, req: TheoryExportRequest, projectName: string): Promise<{ bytes: Buffer; fileName: string; mime: string; pixels: { width: number; height: number } | null }> {
  let bytes: Buffer;
  let pixels: { width: number; height: number } | null = null;
  let baseName: string;
  if (req.format === 'json' || req.format === 'graphml' || req.format === 'mermaid') {
    if (req.what === 'theory') {
      const v = svc.getVersion(req.versionId!);
      const g = buildTheoryGraph(v);
      baseName = `${projectName} - theory ${v.label}`;
      const text = req.format === 'json' ? `${JSON.stringify(toTheoryJson(g), null, 2)}\n` : req.format === 'graphml' ? toGraphMl(g) : toMermaid(g, `${req.title || projectName}: ${v.label}`);
      bytes = Buffer.from(text, 'utf8');
    } else {
      const from = svc.getVersion(req.fromId!);
      const to = svc.getVersion(req.toId!);
      baseName = `${projectName} - refinement ${from.label} to ${to.label}`;
      bytes = Buffer.from(`${JSON.stringify(toRefinementJson(from.label, to.label, svc.mapping(from.id, to.id).changes), null, 2)}\n`, 'utf8');
    }
  } else {
    const made = exportScene(svc, req, projectName);
    baseName = made.baseName;
    const svg = sceneToSvg(made.scene);
    if (req.format === 'svg') bytes = Buffer.from(svg, 'utf8');
    else if (req.format === 'png') {
      const r = svgToPng(svg, made.scene, req.dpi);
      bytes = r.png;
      pixels = { width: r.width, height: r.height };
    } else bytes = await svgToPdf(svg, made.scene, made.scene.title);
  }
  return { bytes, fileName: `${safeName(baseName)}${req.style === 'print' ? ' (print)' : ''}.${EXTENSION[req.format]}`, mime: MIME[req.format], pixels };
}

/** Writes the export to `target` (never over a project file; over another file only with `overwrite`), or returns it for download. */
export async function writeTheoryExport(svc: TheoryService, req: TheoryExportRequest & { path?: string | undefined; overwrite: boolean }, projectName: string): Promise<TheoryExportResult> {
  const made = await makeTheoryExport(svc, req, projectName);
  if (!req.path) return { fileName: made.fileName, mime: made.mime, bytes: made.bytes.length, path: null, contentBase64: made.bytes.toString('base64'), pixels: made.pixels };
  const target = path.resolve(req.path);
  if (/\.realist$/i.test(target) || target === path.resolve(svc.store.path)) throw new AppError('VALIDATION', `Refusing to write an export over a project file (${target}).`);
  if (!req.overwrite && fs.existsSync(target)) throw new AppError('FILE_EXISTS', `A file already exists at ${target}; choose another name (or overwrite it on purpose).`);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.part`;
    fs.writeFileSync(tmp, made.bytes);
    fs.renameSync(tmp, target);
  } catch (e) {
    throw new AppError('IO', `Could not write ${target}: ${(e as Error).message}`);
  }
  return { fileName: path.basename(target), mime: made.mime, bytes: made.bytes.length, path: target, contentBase64: null, pixels: made.pixels };
}
