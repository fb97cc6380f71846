/**
 * Who is coding in tests. Every write to a project needs a current coder (the services refuse
 * writes without one), so tests choose one as a user would: by name, created on first use.
 */
import type { ProjectStore } from '../../electron/services/store/project-store';
import { createCoder, findCoderByName } from '../../electron/services/coders/coder-service';
import type { ApiService } from '../../electron/services/api-service';

/** Makes `name` the store's current coder (created if needed); returns the coder's id. */
export function asCoder(store: ProjectStore, name = 'Tester', layer: 'own' | 'consensus' = 'own'): string {
  const id = (findCoderByName(store, name) ?? createCoder(store, { name })).id;
  store.session.coderId = id;
  store.session.layer = layer;
  return id;
}

/** The same through the API, as the app does after opening a project. */
export async function apiAsCoder(api: Pick<ApiService, 'call'>, name = 'Tester'): Promise<string> {
  const s = await api.call('session:setCoder', { name, create: true });
  return s.coder!.id;
}

/** Runs raw test-setup writes as one action of the change log, by the store's coder (or "Tester"). */
export function setupWrites<T>(store: ProjectStore, fn: () => T): T {
  if (!store.session.coderId) asCoder(store);
  return store.act({ label: 'Test setup', verb: 'setup', entityType: 'test' }, fn);
}
