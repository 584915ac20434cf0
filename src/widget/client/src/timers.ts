/** The timeouts of one object: cleared together when it stops, after which none fires. */
export class Timers {
  private readonly pending = new Set<ReturnType<typeof setTimeout>>();
  private stopped = false;

  /** Runs `action` after `ms`, unless stopped by then. Passed as is to helpers that schedule their own work. */
  readonly later = (ms: number, action: () => void): void => {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      if (!this.stopped) action();
    }, ms);
    this.pending.add(timer);
  };

  stop(): void {
    this.stopped = true;
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }
}
