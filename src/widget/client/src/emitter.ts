/** A minimal typed event emitter: handlers run in order; one that throws does not stop the others. */
export class Emitter<Events extends { [name: string]: unknown }> {
  private readonly handlers = new Map<keyof Events, Set<(value: never) => void>>();

  on<K extends keyof Events>(name: K, handler: (value: Events[K]) => void): () => void {
    let set = this.handlers.get(name);
    if (!set) this.handlers.set(name, (set = new Set()));
    set.add(handler as (value: never) => void);
    return () => set.delete(handler as (value: never) => void);
  }

  emit<K extends keyof Events>(name: K, value: Events[K]): void {
    for (const handler of this.handlers.get(name) ?? []) {
      try {
        (handler as (value: Events[K]) => void)(value);
      } catch (error) {
        console.error("OrleansChat: an event handler failed", error);
      }
    }
  }
}
