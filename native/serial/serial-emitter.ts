// Minimal typed event emitter: listeners for one event name get that event's payload type.
// Listener exceptions are isolated so one bad subscriber cannot break byte processing.

export type Unsubscribe = () => void;

export class SerialEmitter<Events extends { [K in keyof Events]: unknown }> {
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  constructor(private readonly onListenerError: (err: unknown) => void = () => {}) {}

  on<K extends keyof Events>(name: K, listener: (payload: Events[K]) => void): Unsubscribe {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    const fn = listener as (payload: never) => void;
    set.add(fn);
    return () => set.delete(fn);
  }

  once<K extends keyof Events>(name: K, listener: (payload: Events[K]) => void): Unsubscribe {
    const off = this.on(name, (p) => {
      off();
      listener(p);
    });
    return off;
  }

  emit<K extends keyof Events>(name: K, payload: Events[K]): void {
    const set = this.listeners.get(name);
    if (!set) return;
    for (const fn of [...set]) {
      try {
        (fn as (p: Events[K]) => void)(payload);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }

  removeAll(): void {
    this.listeners.clear();
  }
}
