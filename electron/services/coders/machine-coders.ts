/**
 * Who codes each project on this machine: a small JSON map from project id to coder id in the
 * user's config folder (beside the recent-projects list). Kept by the services, not the page,
 * so a reload of the browser build on another port still knows the coder.
 */
import fs from 'node:fs';
import path from 'node:path';

const FILE_NAME = 'coders-by-project.json';
/** Plenty for every review a person works on; the oldest entries drop off. */
const MAX_ENTRIES = 500;

export class MachineCoders {
  constructor(private readonly configDir: string) {}

  private get file(): string {
    return path.join(this.configDir, FILE_NAME);
  }

  private read(): Record<string, string> {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
      return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
    } catch {
      return {}; // missing or unreadable: nobody remembered, the app asks
    }
  }

  get(projectId: string): string | null {
    return this.read()[projectId] ?? null;
  }

  set(projectId: string, coderId: string): void {
    const entries = Object.entries(this.read()).filter(([k]) => k !== projectId);
    entries.push([projectId, coderId]);
    const kept = Object.fromEntries(entries.slice(-MAX_ENTRIES));
    try {
      fs.mkdirSync(this.configDir, { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(kept, null, 2));
      fs.renameSync(tmp, this.file);
    } catch {
      /* a config folder we cannot write only means the app asks again next time */
    }
  }
}
