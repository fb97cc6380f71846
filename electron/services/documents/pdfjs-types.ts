/**
 * The part of pdf.js this service uses, typed in one place (STYLE.md 7), so the rest of the
 * code does not depend on pdf.js's full declarations and a fake could stand in for it.
 */
import type { RawTextItem } from '../../../shared/documents/page-text';

export interface PdfjsPage {
  /** The page's /Rotate, degrees clockwise. */
  rotate: number;
  /** The media box [x0, y0, x1, y1] in PDF points. */
  view: number[];
  getTextContent(): Promise<{ items: (RawTextItem | { type: string })[] }>;
  cleanup(): void;
}

export interface PdfjsDocument {
  numPages: number;
  getPage(pageNumber: number): Promise<PdfjsPage>;
  getMetadata(): Promise<{ info: Record<string, unknown>; metadata: { getAll(): Record<string, unknown> } | null }>;
  destroy(): Promise<void>;
}

export interface PdfjsModule {
  getDocument(params: {
    data: Uint8Array;
    password?: string;
    standardFontDataUrl?: string;
    cMapUrl?: string;
    cMapPacked?: boolean;
    wasmUrl?: string;
    verbosity?: number;
    isEvalSupported?: boolean;
    useSystemFonts?: boolean;
  }): { promise: Promise<PdfjsDocument>; destroy(): Promise<void> };
}

/** pdf.js's PasswordException codes: no password given, wrong password. */
export const PASSWORD_NEEDED = 1;
export const PASSWORD_INCORRECT = 2;
