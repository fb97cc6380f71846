/**
 * The command line is a transport of the one contract: the same request gives the same answer,
 * and the same mistake the same error code and words, through the web bridge (what the page
 * uses) and through `realist`. `realist search` is the search box's search, and `realist records`
 * prints what `records:all` returns.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebServer, TOKEN_HEADER, type RunningWebServer } from '../../electron/bridge/web-server';
import { createApiService } from '../../electron/services/api-service';
import { EventHub } from '../../electron/services/event-hub';
import type { Result } from '../../shared/api/errors';
import { useTempDir } from '../helpers/temp';
import { json, realist, run, textProject, SLOW } from './cli-helpers';

const tempDir = useTempDir();
let server: RunningWebServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** The web bridge on its own temporary config folder (so no coder is remembered), and a call through it. */
async function bridge(): Promise<(channel: string, request: unknown) => Promise<Result<unknown>>> {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'static'));
  fs.writeFileSync(path.join(dir, 'static', 'index.html'), '<!doctype html><title>t</title>');
  const events = new EventHub();
  const service = createApiService({ transport: 'web', configDir: dir, projectsDir: dir, appVersion: '1.0.0', emit: (e, p) => events.emit(e, p) });
  server = await startWebServer({ service, events, staticDir: path.join(dir, 'static') });
  const s = server;
  return async (channel, request) => {
    const res = await fetch(`http://127.0.0.1:${s.port}/api/invoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: s.token },
      body: JSON.stringify({ channel, request }),
    });
    return (await res.json()) as Result<unknown>;
  };
}

function failure(r: Result<unknown>): { code: string; message: string } {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.value)}`);
  return r.error;
}

describe('one door: the web bridge and the command line', { timeout: SLOW }, () => {
  it('refuse the same invalid request with the same code and the same words', async () => {
    const { file, documents } = await textProject(tempDir());
    const call = await bridge();
    expect((await call('project:open', { path: file })).ok).toBe(true);

    // A write before anyone is chosen as coder: CODER_REQUIRED on both sides.
    const noCoder = failure(await call('codes:create', { name: 'Trust', kind: 'mechanism-response' }));
    expect(noCoder.code).toBe('CODER_REQUIRED');
    expect((await run('code', file, '--excerpt', '00000000-0000-4000-8000-000000000000', '--code', 'Trust')).stderr).toMatch(/\[CODER_REQUIRED\]\n$/);

    expect((await call('session:setCoder', { name: 'Reviewer A' })).ok).toBe(true);
    // Not a document id: the contract's schema refuses it (VALIDATION), in the same words.
    const invalid = failure(await call('excerpts:highlightQuote', { documentId: 'not-an-id', quote: 'trusting relationship' }));
    expect(invalid.code).toBe('VALIDATION');
    const cliInvalid = realist(['highlight', file, '--document', 'not-an-id', '--quote', 'trusting relationship', '--coder', 'Reviewer A']);
    expect(cliInvalid).toEqual({ code: 1, stdout: '', stderr: `realist highlight: ${invalid.message} [VALIDATION]\n` });

    // A quote that is not in the document: the handler's NOT_FOUND, in the same words.
    const absent = failure(await call('excerpts:highlightQuote', { documentId: documents['synthesis.txt'], quote: 'The pharmacist phoned every week.' }));
    expect(absent.code).toBe('NOT_FOUND');
    const cliAbsent = await run('highlight', file, '--document', documents['synthesis.txt']!, '--quote', 'The pharmacist phoned every week.', '--coder', 'Reviewer A');
    expect(cliAbsent).toEqual({ code: 1, stdout: '', stderr: `realist highlight: ${absent.message} [NOT_FOUND]\n` });
  });

  it('search as the search box does, and list the records as records:all does', async () => {
    const { file, dir } = await textProject(tempDir());
    const ris = path.join(dir, 'two.ris');
    fs.writeFileSync(
      ris,
      'TY  - JOUR\nTI  - Case management for frequent users of emergency care\nAU  - Hudon, Catherine\nPY  - 2019\nER  - \n\n' +
        'TY  - JOUR\nTI  - A trusting relationship in primary care\nAU  - Chouinard, Maud-Christine\nPY  - 2020\nER  - \n',
    );
    expect((await run('import', file, ris, '--coder', 'Reviewer A')).code).toBe(0);
    await run('code', file, '--excerpt', json<Array<{ id: string }>>(await run('excerpts', file, '--json'))[0]!.id, '--code', 'Trusting relationship', '--kind', 'mechanism-response', '--coder', 'Reviewer A');

    const call = await bridge();
    expect((await call('project:open', { path: file })).ok).toBe(true);
    const box = await call('search:all', { query: 'trusting', limit: 20 });
    if (!box.ok) throw new Error(box.error.message);
    const cli = json<Record<string, Array<{ kind: string; title: string }>>>(await run('search', file, 'trusting', '--json'));
    expect(cli).toEqual(box.value);
    // One of each kind a person would expect for "trusting": the record, the page, the passage, the code.
    expect(cli.record!.map((h) => h.title)).toEqual(['A trusting relationship in primary care']);
    expect(cli.page!.map((h) => h.title)).toEqual(['synthesis, page 1']);
    expect(cli.excerpt).toHaveLength(1);
    expect(cli.code!.map((h) => h.title)).toEqual(['Trusting relationship']);

    const all = await call('records:all', {});
    if (!all.ok) throw new Error(all.error.message);
    const records = json<Array<{ title: string; authors: Array<{ family: string }>; year: number }>>(await run('records', file, '--json'));
    expect(records).toEqual((all.value as { items: unknown[] }).items);
    expect(records.map((r) => [r.title, r.authors[0]!.family, r.year])).toEqual([
      ['Case management for frequent users of emergency care', 'Hudon', 2019],
      ['A trusting relationship in primary care', 'Chouinard', 2020],
    ]);
  });
});
