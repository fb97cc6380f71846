import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../electron/services/store/migrations';
import { createApiService } from '../../electron/services/api-service';
import { useTempDir } from '../helpers/temp';

const tempDir = useTempDir();

function service() {
  const dir = tempDir();
  const events: Array<[string, unknown]> = [];
  const api = createApiService({
    transport: 'web',
    configDir: path.join(dir, 'config'),
    projectsDir: path.join(dir, 'projects'),
    appVersion: '9.9.9',
    emit: (e, p) => events.push([e, p]),
  });
  return { api, dir, events };
}

describe('the dispatcher every transport uses', () => {
  it('tells the windows after every call that wrote to the project (project:acted), and not after reads or refusals', async () => {
    const { api, dir, events } = service();
    await api.call('project:create', { path: path.join(dir, 'projects', 'acted.realist'), name: 'Acted' });
    await api.call('session:setCoder', { name: 'Tester', create: true });
    const acted = () => events.filter(([e]) => e === 'project:acted').map(([, p]) => (p as { label: string }).label);
    const before = acted().length;
    await api.call('codes:create', { name: 'Trust', kind: 'mechanism-response' });
    await api.call('codes:list', {});
    await api.dispatch('codes:create', { name: '', kind: 'context' });
    expect(acted().slice(before)).toEqual(['Create code "Trust"']);
  });

  it('validates arguments on arrival and answers errors as data', async () => {
    const { api } = service();
    expect(await api.dispatch('project:open', { path: 12 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const stray = await api.dispatch('project:open', { path: '/x.realist', sql: 'DROP TABLE records' });
    expect(stray).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await api.dispatch('project:explode', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await api.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await api.dispatch('records:list', {})).toMatchObject({ ok: false, error: { code: 'NO_PROJECT' } });
    expect(await api.dispatch('host:pickPath', { mode: 'open' })).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    expect(await api.dispatch('app:info', {})).toEqual({ ok: true, value: { version: '9.9.9', schemaVersion: LATEST_SCHEMA_VERSION, transport: 'web' } });
  });

  it('creates, closes and reopens a project, remembering it as recent', async () => {
    const { api, dir, events } = service();
    const file = path.join(dir, 'projects', 'Scoping');
    const created = await api.call('project:create', { path: file, name: 'Scoping review' });
    expect(created.path).toBe(`${file}.realist`);
    expect(created.name).toBe('Scoping review');
    expect(await api.call('records:list', {})).toEqual({ total: 0, items: [] });
    expect(await api.call('project:close', {})).toBeNull();
    expect(await api.call('project:current', {})).toBeNull();
    const recent = await api.call('project:recent', {});
    expect(recent).toHaveLength(1);
    expect(recent[0]).toMatchObject({ path: `${file}.realist`, name: 'Scoping review', exists: true });
    const reopened = await api.call('project:open', { path: recent[0]!.path });
    expect(reopened.projectId).toBe(created.projectId);
    expect(events.map(([e]) => e)).toEqual(['project:changed', 'project:changed', 'project:changed']);
    api.close();
  });

  it('suggests a project path that does not exist yet', async () => {
    const { api, dir } = service();
    const first = await api.call('project:suggestPath', { name: 'Case management: review' });
    expect(first.path).toBe(path.join(dir, 'projects', 'Case management review.realist'));
    fs.mkdirSync(path.dirname(first.path), { recursive: true });
    fs.writeFileSync(first.path, '');
    expect((await api.call('project:suggestPath', { name: 'Case management: review' })).path).toBe(path.join(dir, 'projects', 'Case management review 2.realist'));
  });

  it('opens the demo project with its records and two coders', async () => {
    const { api } = service();
    const demo = await api.call('demo:open', {});
    expect(demo.isDemo).toBe(true);
    expect(demo.name).toBe('Case management for frequent users (demo)');
    const info = await api.call('project:info', {});
    expect(info.coders).toBeGreaterThanOrEqual(2);
    expect(info.records).toBeGreaterThanOrEqual(6);
    const list = await api.call('records:list', { limit: 50 });
    const realist = list.items.find((r) => r.title.includes('realist synthesis'));
    expect(realist).toMatchObject({ year: 2020, journal: 'Annals of Family Medicine', screening: { decision: 'included' } });
    expect(list.items.some((r) => r.screening.decision === 'excluded' && r.screening.reason)).toBe(true);
    api.close();
  });
});
