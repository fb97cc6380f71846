/**
 * A tiny typed publish/subscribe hub for the contract's events: services publish progress and
 * project changes; each transport (IPC to a window, server-sent events in the web bridge)
 * subscribes and forwards.
 */
import type { ApiEvents, EventName } from '../../shared/api/contract';

export type EventListener = <E extends EventName>(event: E, payload: ApiEvents[E]) => void;

export class EventHub {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: ApiEvents[E]): void {
    for (const l of this.listeners) {
      try {
        l(event, payload);
      } catch {
        /* one broken subscriber (a closed window) must not stop the others */
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
