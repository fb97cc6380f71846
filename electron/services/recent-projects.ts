/**
 * The "open recent" list, kept as a small JSON file in the user's config folder (passed in,
 * never guessed here, so tests and the web bridge can use a temporary folder).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { RecentProject } from '../../shared/domain/types';

const FILE_NAME = 'recent-projects.json';
/** Enough to cover a reviewer's current reviews without turning into a file browser. */
export const MAX_RECENT = 12;

interface StoredRecent {
  path: string;
  name: string;
  openedAt: string;
}

export class RecentProjects {
  constructor(private readonly configDir: string) {}

  private get file(): string {
    return path.join(this.configDir, FILE_NAME);
  }

  private read(): StoredRecent[] {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as unknown;
      if (!Array.isArray(parsed)) return [];
      return parsed.filter(
        (e): e is StoredRecent =>
          typeof e === 'object' && e !== null && typeof e.path === 'string' && typeof e.name === 'string' && typeof e.openedAt === 'string',
      );
    } catch {
      return []; // missing or unreadable: an empty list, never a crash at start-up
    }
  }

  private write(entries: StoredRecent[]): void {
    fs.mkdirSync(this.configDir, { recursive: true });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(entries, null, 2));
    fs.renameSync(tmp, this.file); // atomic replace: a crash never leaves half a file
  }

  list(): RecentProject[] {
    return this.read().map((e) => ({ id: recentId(e.path), ...e, exists: fs.existsSync(e.path) }));
  }

  /** The entry with this id (see `recentId`), if the list still holds it. */
  find(id: string): RecentProject | null {
    return this.list().find((e) => e.id === id) ?? null;
  }

  touch(projectPath: string, name: string, at: Date): RecentProject[] {
    const rest = this.read().filter((e) => e.path !== projectPath);
    this.write([{ path: projectPath, name, openedAt: at.toISOString() }, ...rest].slice(0, MAX_RECENT));
    return this.list();
  }

  forget(projectPath: string): RecentProject[] {
    this.write(this.read().filter((e) => e.path !== projectPath));
    return this.list();
  }
}

/** A recent project's id: the first 16 hex digits of the SHA-256 of its path (stable, opaque). */
export function recentId(projectPath: string): string {
  return createHash('sha256').update(projectPath).digest('hex').slice(0, 16);
}
