/**
 * Reads a fixture as text the way the importer will: bytes through decodeBytes (BOM, UTF-16 and
 * Windows-1252 handled), so parser tests see exactly what an import sees.
 */
import fs from 'node:fs';
import { decodeBytes } from '../../shared/import/decode';
import { fixture } from './fixtures';

/** The decoded text of a fixture (path relative to the fixtures folder). */
export function fixtureText(relative: string): string {
  return decodeBytes(new Uint8Array(fs.readFileSync(fixture(relative)))).text;
}
