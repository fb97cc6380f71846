/**
 * The demo project as the app builds it: through the API's calls (`demo:open`), in a temporary
 * folder with its own config folder. Returns the service, its open store and a closer.
 */
import path from 'node:path';
import { createApiService, type ApiService } from '../../electron/services/api-service';
import type { ProjectStore } from '../../electron/services/store/project-store';

export async function openDemo(dir: string): Promise<{ api: ApiService; store: ProjectStore; close: () => void }> {
  const api = createApiService({ transport: 'web', configDir: path.join(dir, 'config'), projectsDir: dir, appVersion: '0.0.0-test' });
  await api.call('demo:open', { path: path.join(dir, 'demo.realist') });
  return { api, store: api.store!, close: () => api.close() };
}
