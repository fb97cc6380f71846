/**
 * Zoom of the PDF reader: either a fixed scale or a fit mode recomputed when the window or
 * the document changes. 100% shows a page at its printed size: 1 PDF point = 96/72 CSS pixels.
 */

/** CSS pixels per PDF point at 100%. */
export const CSS_PX_PER_POINT = 96 / 72;

/** The zoom steps Ctrl+= and Ctrl+- move through (50% to 400%). */
export const ZOOM_STEPS = [0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4] as const;
/** The range a chosen zoom may take (the brief's 50–400%). */
export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 4;

/** A fit mode follows the window; a scale is fixed (1 = 100%). */
export type Zoom = { mode: 'fit-width' } | { mode: 'fit-page' } | { mode: 'scale'; scale: number };

/** Space kept around pages in the scroller (CSS px): margins plus a scrollbar. */
const FIT_MARGIN_PX = 32;

/**
 * The scale (1 = 100%) a zoom means for a scroller of `width` x `height` CSS px showing pages
 * whose widest page is `pageWidthPt` and tallest `pageHeightPt` points (rotation applied).
 */
export function resolveZoom(zoom: Zoom, box: { width: number; height: number }, page: { widthPt: number; heightPt: number }): number {
  if (zoom.mode === 'scale') return clampZoom(zoom.scale);
  const byWidth = (box.width - FIT_MARGIN_PX) / (page.widthPt * CSS_PX_PER_POINT);
  if (zoom.mode === 'fit-width') return clampZoom(byWidth);
  const byHeight = (box.height - FIT_MARGIN_PX / 2) / (page.heightPt * CSS_PX_PER_POINT);
  return clampZoom(Math.min(byWidth, byHeight));
}

/** Fit modes may go below 50% for a tiny window; a typed scale may not leave 50–400%. */
export function clampZoom(scale: number): number {
  if (!Number.isFinite(scale) || scale <= 0) return 1;
  return Math.min(MAX_ZOOM, Math.max(0.1, scale));
}

/** The next step above (`dir` 1) or below (-1) the current scale. */
export function stepZoom(current: number, dir: 1 | -1): number {
  if (dir > 0) return ZOOM_STEPS.find((s) => s > current + 0.001) ?? MAX_ZOOM;
  return [...ZOOM_STEPS].reverse().find((s) => s < current - 0.001) ?? MIN_ZOOM;
}
