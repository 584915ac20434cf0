/** Thresholds at which to hear of a message's visible part changing: fine enough for tall messages too. */
const thresholds = [0, 0.25, 0.5, 0.75, 1];

/**
 * Which of the log's messages the reader has actually seen: a message counts once at least half of it (or half
 * the log, for one taller than that) is on screen while the reader can look (the tab visible and the panel open,
 * which `canLook` says). Reports the newest seq seen, only ever higher; read receipts follow it, never arrival.
 */
export class SeenTracker {
  /** The messages on screen now, by element (a message drawn again is a new element). */
  private readonly onScreen = new Map<Element, number>();
  private newest = 0;
  private readonly intersections: IntersectionObserver;
  private readonly additions: MutationObserver;

  constructor(log: HTMLElement, list: HTMLElement, private readonly canLook: () => boolean, private readonly seen: (seq: number) => void) {
    this.intersections = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        const seq = Number((entry.target as HTMLElement).dataset.seq);
        if (isSeen(entry)) this.onScreen.set(entry.target, seq);
        else this.onScreen.delete(entry.target);
      }
      this.check();
    }, { root: log, threshold: thresholds });
    // Messages come and go (arrivals, redraws after a change, a restart): each is watched while on the page.
    this.additions = new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) if (node instanceof HTMLElement && node.dataset.seq) this.intersections.observe(node);
        for (const node of record.removedNodes) {
          if (!(node instanceof HTMLElement)) continue;
          this.intersections.unobserve(node);
          this.onScreen.delete(node);
        }
      }
    });
    this.additions.observe(list, { childList: true });
  }

  /** The reader may have started looking (the tab came to the front, the panel opened): what is on screen is seen. */
  check(): void {
    if (this.onScreen.size === 0 || !this.canLook()) return;
    const newest = Math.max(...this.onScreen.values());
    if (newest <= this.newest) return;
    this.newest = newest;
    this.seen(newest);
  }

  /** The room's timeline started over (a restored backup): seqs count afresh. */
  reset(): void {
    this.newest = 0;
  }
}

function isSeen(entry: IntersectionObserverEntry): boolean {
  if (!entry.isIntersecting) return false;
  const visible = entry.intersectionRect.height;
  return entry.intersectionRatio >= 0.5 || (entry.rootBounds !== null && visible >= entry.rootBounds.height / 2);
}
