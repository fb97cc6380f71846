/**
 * Which handler module answers each channel of the contract, loaded on the first call to one of
 * its channels. A command-line command or a window that never imports records never loads the
 * importers, one that never attaches a PDF never loads the extractors: `realist info` starts in
 * a fraction of the time it took when every handler (and every service behind it) was loaded up
 * front. The channel lists are the contract's own request maps, so a channel cannot be missed:
 * the `complete` check below fails to compile when a domain of the contract has no entry here.
 *
 * To add a domain: one `domain(...)` line below, and its request map in `Covered`.
 */
import type { Channel } from '../../../shared/api/contract';
import { projectRequests } from '../../../shared/api/calls/project';
import { recordsRequests } from '../../../shared/api/calls/records';
import { duplicatesRequests } from '../../../shared/api/calls/duplicates';
import { codingRequests } from '../../../shared/api/calls/coding';
import { documentsRequests } from '../../../shared/api/calls/documents';
import { excerptsRequests } from '../../../shared/api/calls/excerpts';
import { codersRequests } from '../../../shared/api/calls/coders';
import { historyRequests } from '../../../shared/api/calls/history';
import { agreementRequests } from '../../../shared/api/calls/agreement';
import { packagesRequests } from '../../../shared/api/calls/packages';
import { theoryRequests } from '../../../shared/api/calls/theory';
import { interchangeRequests } from '../../../shared/api/calls/interchange';
import { reportRequests } from '../../../shared/api/calls/report';
import type { HandlerContext, HandlersFor } from './context';
import type { CallContext } from '../files/page-paths';

type Factory<C extends Channel> = (ctx: HandlerContext) => HandlersFor<C>;

interface Domain {
  channels: readonly string[];
  load: () => Promise<Factory<Channel>>;
}

function domain<C extends Channel>(requests: Record<C, unknown>, load: () => Promise<Factory<C>>): Domain {
  return { channels: Object.keys(requests), load: load as unknown as () => Promise<Factory<Channel>> };
}

const DOMAINS: readonly Domain[] = [
  domain(projectRequests, async () => (await import('./project-handlers.js')).projectHandlers),
  domain(recordsRequests, async () => (await import('./records-handlers.js')).recordsHandlers),
  domain(duplicatesRequests, async () => (await import('./records-handlers.js')).duplicatesHandlers),
  domain(codingRequests, async () => (await import('./coding-handlers.js')).codingHandlers),
  domain(documentsRequests, async () => (await import('./documents-handlers.js')).documentsHandlers),
  domain(excerptsRequests, async () => (await import('./excerpts-handlers.js')).excerptsHandlers),
  domain(codersRequests, async () => (await import('./coders-handlers.js')).codersHandlers),
  domain(historyRequests, async () => (await import('./history-handlers.js')).historyHandlers),
  domain(packagesRequests, async () => (await import('./packages-handlers.js')).packagesHandlers),
  domain(agreementRequests, async () => (await import('./agreement-handlers.js')).agreementHandlers),
  domain(theoryRequests, async () => (await import('./theory-handlers.js')).theoryHandlers),
  domain(interchangeRequests, async () => (await import('./interchange-handlers.js')).interchangeHandlers),
  domain(reportRequests, async () => (await import('./report-handlers.js')).reportHandlers),
];

type Covered =
  | keyof typeof projectRequests
  | keyof typeof recordsRequests
  | keyof typeof duplicatesRequests
  | keyof typeof codingRequests
  | keyof typeof documentsRequests
  | keyof typeof excerptsRequests
  | keyof typeof codersRequests
  | keyof typeof historyRequests
  | keyof typeof packagesRequests
  | keyof typeof agreementRequests
  | keyof typeof theoryRequests
  | keyof typeof interchangeRequests
  | keyof typeof reportRequests;
// Fails to compile when the contract gains a domain that has no entry in DOMAINS.
const complete: [Exclude<Channel, Covered>] extends [never] ? true : false = true;
void complete;

/** A handler as the dispatcher calls it, after validation, with where the call came from. */
export type AnyHandler = (request: unknown, call: CallContext) => unknown;

/**
 * The handlers of one service: `handlerFor(channel)` loads the channel's module once (every
 * channel of that domain is then ready) and returns its handler.
 */
export function lazyHandlers(ctx: HandlerContext): (channel: Channel) => Promise<AnyHandler> {
  const owner = new Map<string, Domain>();
  for (const d of DOMAINS) for (const c of d.channels) owner.set(c, d);
  const loaded = new Map<Domain, Promise<Record<string, AnyHandler>>>();
  return async (channel) => {
    const d = owner.get(channel)!;
    let handlers = loaded.get(d);
    if (!handlers) {
      handlers = d.load().then((factory) => factory(ctx) as unknown as Record<string, AnyHandler>);
      // A module that failed to load is tried again on the next call rather than failing for good.
      handlers.catch(() => loaded.delete(d));
      loaded.set(d, handlers);
    }
    return (await handlers)[channel]!;
  };
}
