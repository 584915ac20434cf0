/** Within this many pixels of the bottom counts as at the end (a last line half in view, a bounce). */
const endSlackPx = 40;

/**
 * Keeps a scrolling log at its newest entry while the reader is at the end, whatever changes the log's height or
 * its content's: a message arriving, an image loading, the header or a banner growing and so shrinking the log.
 * Whether the reader is at the end is decided from their last scroll, before a change, never after it: a log that
 * just shrank under them is no longer at its end, yet they were reading the newest message and still are.
 */
export class ScrollPin {
  private pinned = true;
  private readonly listeners: ((atEnd: boolean) => void)[] = [];
  private readonly resizes = new ResizeObserver(() => {
    if (this.pinned) this.toEnd();
  });

  constructor(private readonly log: HTMLElement) {
    this.resizes.observe(log);
    log.addEventListener("scroll", () => this.set(this.measureAtEnd()));
  }

  /** Whether the reader was at the end at their last scroll (or was taken there). */
  get atEnd(): boolean {
    return this.pinned;
  }

  /** Content whose height changes (lists, banners inside the log): followed while pinned. */
  follow(...elements: HTMLElement[]): void {
    for (const element of elements) this.resizes.observe(element);
  }

  /** Calls `listener` when the reader leaves or reaches the end. */
  onChange(listener: (atEnd: boolean) => void): void {
    this.listeners.push(listener);
  }

  toEnd(): void {
    this.log.scrollTop = this.log.scrollHeight;
    this.set(true);
  }

  private measureAtEnd(): boolean {
    return this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < endSlackPx;
  }

  private set(atEnd: boolean): void {
    if (atEnd === this.pinned) return;
    this.pinned = atEnd;
    for (const listener of this.listeners) listener(atEnd);
  }
}
