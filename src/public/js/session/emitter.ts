/**
 * A small typed event emitter: the call session raises its facts and events
 * through one, and views subscribe to the ones they draw.
 */

export type Listener<T> = (value: T) => void;

export interface Emitter<E> {
  /** Calls `listener` on every `event`; returns the unsubscribe function. */
  on<K extends keyof E>(event: K, listener: Listener<E[K]>): () => void;
  emit<K extends keyof E>(event: K, value: E[K]): void;
}

export function createEmitter<E>(): Emitter<E> {
  const listeners = new Map<keyof E, Set<Listener<never>>>();
  return {
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as Listener<never>);
      return () => void set.delete(listener as Listener<never>);
    },
    emit(event, value) {
      for (const listener of [...(listeners.get(event) ?? [])]) (listener as Listener<typeof value>)(value);
    },
  };
}
