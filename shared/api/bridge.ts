/**
 * The shape of the object the renderer talks to, whichever transport is behind it: the
 * Electron preload exposes it as `window.realist`; in a browser the renderer builds one over
 * fetch + server-sent events. Both end with `satisfies RealistBridge`.
 */
import type { Result } from './errors';
import type { ApiEvents, ApiRequest, ApiResponse, Channel, EventName } from './contract';

export interface RealistBridge {
  transport: 'electron' | 'web';
  invoke<C extends Channel>(channel: C, request: ApiRequest<C>): Promise<Result<ApiResponse<C>>>;
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}
