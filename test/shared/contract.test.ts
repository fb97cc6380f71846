import { describe, expect, it } from 'vitest';
import { CHANNELS, IPC_EVENT, IPC_INVOKE, isChannel, requestSchemas } from '../../shared/api/contract';
import { AppError, ERROR_CODES, toApiError } from '../../shared/api/errors';
import { readFileSync } from 'node:fs';
import path from 'node:path';

describe('the API contract', () => {
  it('names every call domain:verb', () => {
    expect(CHANNELS.length).toBeGreaterThanOrEqual(13);
    for (const c of CHANNELS) expect(c).toMatch(/^[a-z][a-zA-Z]*:[a-z][a-zA-Z]*$/);
  });

  it('recognises only declared channels', () => {
    expect(isChannel('project:open')).toBe(true);
    expect(isChannel('project:drop')).toBe(false);
    expect(isChannel('toString')).toBe(false);
    expect(isChannel(42)).toBe(false);
  });

  it('refuses stray and wrongly typed fields', () => {
    expect(requestSchemas['project:open'].safeParse({ path: '/x.realist' }).success).toBe(true);
    expect(requestSchemas['project:open'].safeParse({ path: '/x.realist', extra: 1 }).success).toBe(false);
    expect(requestSchemas['project:open'].safeParse({ path: 7 }).success).toBe(false);
    expect(requestSchemas['project:open'].safeParse({ path: 'a\0b' }).success).toBe(false);
    expect(requestSchemas['records:list'].parse({})).toEqual({ offset: 0, limit: 200 });
  });

  it('turns errors into data with a stable code', () => {
    expect(toApiError(new AppError('NOT_FOUND', 'gone'))).toEqual({ code: 'NOT_FOUND', message: 'gone' });
    expect(toApiError(new Error('boom'))).toEqual({ code: 'INTERNAL', message: 'boom' });
    expect(ERROR_CODES).toContain('PROJECT_TOO_NEW');
  });

  it('uses the same IPC channel names in the sandboxed preload (which cannot import them)', () => {
    const preload = readFileSync(path.resolve(__dirname, '../../electron/preload.ts'), 'utf8');
    expect(preload).toContain(`const IPC_INVOKE = '${IPC_INVOKE}'`);
    expect(preload).toContain(`const IPC_EVENT = '${IPC_EVENT}'`);
    // Only `electron` may be required at run time by a sandboxed preload; everything else is type-only.
    const runtimeImports = [...preload.matchAll(/^import (?!type )[^;]* from '([^']+)'/gm)].map((m) => m[1]);
    expect(runtimeImports).toEqual(['electron']);
  });
});
