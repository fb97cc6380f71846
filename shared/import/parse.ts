/**
 * The importers by format. Each parser is a pure function from decoded text to records and
 * located errors; `parseText` picks one (by the format given, else by sniffing the content).
 */
import type { ImportFormat, ParseResult } from './types';

export type Parser = (text: string) => Omit<ParseResult, 'format'>;

/** Filled in as each format's parser lands. */
export const PARSERS: Partial<Record<ImportFormat, Parser>> = {};
