/**
 * The project's coders and the session's choice of coder and layer.
 *
 * Adding a coder is itself an action of the change log, made by the new coder (the first coder
 * of a project has nobody else to be attributed to). Who is coding is remembered per project on
 * this machine (./machine-coders.ts), never in the page, so a reload keeps it.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import { CODER_COLORS, CONSENSUS_CODER_ID, initialsOf, type Coder, type SessionState, type WorkingLayer } from '../../../shared/coders/types';
import type { ProjectStore } from '../store/project-store';

interface CoderRow {
  id: string;
  name: string;
  color: string;
  initials: string;
  kind: 'person' | 'consensus';
  created_at: string;
}

function toCoder(r: CoderRow): Coder {
  return { id: r.id, name: r.name, color: r.color, initials: r.initials || initialsOf(r.name), kind: r.kind, createdAt: r.created_at };
}

/** Every coder of the project, people first (by name), the consensus layer last. */
export function listCoders(store: ProjectStore): Coder[] {
  const rows = store.db.prepare(`SELECT * FROM coders ORDER BY kind = 'consensus', name COLLATE NOCASE`).all() as CoderRow[];
  return rows.map(toCoder);
}

export function getCoder(store: ProjectStore, id: string): Coder | null {
  const row = store.db.prepare('SELECT * FROM coders WHERE id = ?').get(id) as CoderRow | undefined;
  return row ? toCoder(row) : null;
}

export function findCoderByName(store: ProjectStore, name: string): Coder | null {
  const row = store.db.prepare(`SELECT * FROM coders WHERE name = ? COLLATE NOCASE AND kind = 'person'`).get(name.trim()) as CoderRow | undefined;
  return row ? toCoder(row) : null;
}

/** Adds a person; a name that is taken (in any case) is refused so two people never merge. */
export function createCoder(store: ProjectStore, req: { name: string; color?: string | undefined; initials?: string | undefined }): Coder {
  const name = req.name.replace(/\s+/g, ' ').trim();
  const clash = store.db.prepare('SELECT name FROM coders WHERE name = ? COLLATE NOCASE').get(name) as { name: string } | undefined;
  if (clash) throw new AppError('VALIDATION', `There is already a coder called "${clash.name}" in this project; pick them from the list or choose another name.`);
  const used = new Set((store.db.prepare('SELECT color FROM coders').all() as Array<{ color: string }>).map((r) => r.color.toLowerCase()));
  const color = req.color ?? CODER_COLORS.find((c) => !used.has(c)) ?? CODER_COLORS[0];
  const id = randomUUID();
  const initials = (req.initials ?? initialsOf(name)).toUpperCase();
  store.act(
    { label: `Add coder "${name}"`, verb: 'create', entityType: 'coder', entityId: id, object: name },
    () => {
      store.db.prepare(`INSERT INTO coders (id, name, color, created_at, initials, kind) VALUES (?, ?, ?, ?, ?, 'person')`).run(id, name, color, store.isoNow(), initials);
    },
    store.session.coderId ?? id,
  );
  return getCoder(store, id)!;
}

export function updateCoder(store: ProjectStore, req: { id: string; name?: string | undefined; color?: string | undefined; initials?: string | undefined }): Coder {
  const coder = getCoder(store, req.id);
  if (!coder) throw new AppError('NOT_FOUND', `No coder with id ${req.id}.`);
  const values: Record<string, string> = {};
  if (req.name !== undefined) {
    const name = req.name.replace(/\s+/g, ' ').trim();
    const clash = store.db.prepare('SELECT name FROM coders WHERE name = ? COLLATE NOCASE AND id <> ?').get(name, req.id) as { name: string } | undefined;
    if (clash) throw new AppError('VALIDATION', `There is already a coder called "${clash.name}".`);
    if (name !== coder.name) values.name = name;
  }
  if (req.color !== undefined && req.color !== coder.color) values.color = req.color;
  if (req.initials !== undefined && req.initials.toUpperCase() !== coder.initials) values.initials = req.initials.toUpperCase();
  const cols = Object.keys(values);
  if (cols.length === 0) return coder;
  store.act({ label: `Edit coder "${coder.name}"`, verb: 'update', entityType: 'coder', entityId: coder.id, object: coder.name, detail: values }, () => {
    store.db.prepare(`UPDATE coders SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...cols.map((c) => values[c]), coder.id);
  });
  return getCoder(store, coder.id)!;
}

export function sessionState(store: ProjectStore): SessionState {
  const coder = store.session.coderId ? getCoder(store, store.session.coderId) : null;
  return {
    coder,
    layer: store.session.layer,
    layerCoderId: coder ? (store.session.layer === 'consensus' ? CONSENSUS_CODER_ID : coder.id) : null,
    blind: store.isBlind(),
  };
}

/** Turns blind coding on or off for the project (one action). */
export function setBlind(store: ProjectStore, blind: boolean): void {
  if (store.isBlind() === blind) return;
  store.act({ label: blind ? 'Turn blind coding on' : 'Turn blind coding off', verb: 'update', entityType: 'setting', entityId: 'blind', object: 'blind coding' }, () => {
    store.db.prepare(`INSERT INTO settings (key, value) VALUES ('blind', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(blind ? '1' : '0');
  });
}

/** Makes `coderId` the current coder (a person; the consensus layer is a layer, not a coder). */
export function chooseCoder(store: ProjectStore, coderId: string): Coder {
  const coder = getCoder(store, coderId);
  if (!coder) throw new AppError('NOT_FOUND', `No coder with id ${coderId} in this project.`);
  if (coder.kind !== 'person') throw new AppError('VALIDATION', 'The consensus layer is not a person: choose who you are, then switch the layer to consensus.');
  store.session.coderId = coder.id;
  return coder;
}

export function chooseLayer(store: ProjectStore, layer: WorkingLayer): void {
  store.session.layer = layer;
}
