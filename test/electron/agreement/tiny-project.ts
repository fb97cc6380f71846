/**
 * A tiny two-coder project whose agreement figures a person can compute by hand (the numbers
 * are worked out in agreement-report.test.ts). Built through the API, as the app builds it.
 *
 *   D1 (100 characters): "The nurse calls me back on the same day. I can sleep again. ER visits went down. Nights are so long."
 *     Reviewer A: [0, 40) Trust; [60, 80) Fewer visits
 *     Reviewer B: [10, 40) Trust; [60, 80) Fewer visits
 *   D2 (60 characters): "I trust her with it. Still, I feel alone at night. Every day"
 *     Reviewer A: [0, 20) Trust
 *     Reviewer B: [30, 50) Alone            (a code only B used)
 *   CMOCs: A "A1" (C: Alone, M: Trust, O: Fewer visits); B "B1" (C: Alone, M: Trust, O: Fewer visits, Alone).
 */
import path from 'node:path';
import { createApiService, type ApiService } from '../../../electron/services/api-service';

export const D1 = 'The nurse calls me back on the same day. I can sleep again. ER visits went down. Nights are so long.';
export const D2 = 'I trust her with it. Still, I feel alone at night. Every day';

export interface TinyProject {
  api: ApiService;
  file: string;
  coders: { a: string; b: string; lead: string };
  docs: { d1: string; d2: string };
  codes: { trust: string; fewer: string; alone: string };
  cmocs: { a1: string; b1: string };
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

export async function tinyProject(dir: string): Promise<TinyProject> {
  const api = createApiService({ transport: 'web', configDir: path.join(dir, 'config'), projectsDir: dir, appVersion: '0.0.0-test', now: () => new Date('2026-05-01T10:00:00Z') });
  const file = path.join(dir, 'tiny.realist');
  await api.call('project:create', { path: file, name: 'Tiny' });
  const a = (await api.call('session:setCoder', { name: 'Reviewer A', create: true })).coder!.id;
  const attached = await api.call('documents:attach', {
    files: [
      { name: 'd1.txt', contentBase64: b64(D1) },
      { name: 'd2.txt', contentBase64: b64(D2) },
    ],
  });
  const d1 = attached.attached.find((x) => x.file === 'd1.txt')!.documentId;
  const d2 = attached.attached.find((x) => x.file === 'd2.txt')!.documentId;
  const trust = (await api.call('codes:create', { name: 'Trust', kind: 'mechanism-response' })).id;
  const fewer = (await api.call('codes:create', { name: 'Fewer visits', kind: 'outcome' })).id;
  const alone = (await api.call('codes:create', { name: 'Alone', kind: 'context' })).id;
  const code = async (documentId: string, quote: string, codeId: string) => {
    const h = await api.call('excerpts:highlightQuote', { documentId, quote });
    await api.call('codings:add', { excerptId: h.excerptId, codeId });
    return h;
  };
  await code(d1, 'The nurse calls me back on the same day.', trust);
  await code(d1, 'ER visits went down.', fewer);
  await code(d2, 'I trust her with it.', trust);
  const a1 = (await api.call('cmocs:create', { label: 'A1', codes: [{ codeId: alone, role: 'context' }, { codeId: trust, role: 'mechanism-response' }, { codeId: fewer, role: 'outcome' }] })).id;
  const b = (await api.call('session:setCoder', { name: 'Reviewer B', create: true })).coder!.id;
  await code(d1, 'calls me back on the same day.', trust);
  await code(d1, 'ER visits went down.', fewer);
  await code(d2, 'feel alone at night.', alone);
  const b1 = (
    await api.call('cmocs:create', {
      label: 'B1',
      codes: [
        { codeId: alone, role: 'context' },
        { codeId: trust, role: 'mechanism-response' },
        { codeId: fewer, role: 'outcome' },
        { codeId: alone, role: 'outcome' },
      ],
    })
  ).id;
  const lead = (await api.call('session:setCoder', { name: 'Lead', create: true })).coder!.id;
  return { api, file, coders: { a, b, lead }, docs: { d1, d2 }, codes: { trust, fewer, alone }, cmocs: { a1, b1 } };
}
