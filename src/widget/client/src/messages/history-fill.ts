import type { Timeline } from "./timeline.js";
import type { ChatApi } from "../api.js";
import type { MessagePage } from "../protocol.js";

/**
 * Fills a room's timeline from its history over REST: the latest page (after the server began a new epoch), and
 * whatever is missing after the last contiguous seq, page by page, one fill at a time. Each page goes to `add`, with
 * the change cursor of when it was asked for (`changeCursor`).
 */
export class HistoryFill {
  private filling: Promise<void> | null = null;

  constructor(
    private readonly api: ChatApi,
    private readonly roomId: string,
    private readonly timeline: Timeline,
    private readonly changeCursor: () => number | null,
    private readonly add: (page: MessagePage, readAfter: number | null) => void,
  ) {}

  async latest(): Promise<void> {
    try {
      const readAfter = this.changeCursor();
      this.add(await this.api.history(this.roomId, {}), readAfter);
    } catch {
      // Scrolling back fetches what came before the messages held.
    }
  }

  gaps(): Promise<void> {
    // Cleared in `finally`, which runs after the assignment even when there is nothing to fetch.
    this.filling ??= this.fetchMissing().finally(() => {
      this.filling = null;
    });
    return this.filling;
  }

  private async fetchMissing(): Promise<void> {
    try {
      for (let after = this.timeline.gapAfter(); after !== null; after = this.timeline.gapAfter()) {
        const readAfter = this.changeCursor();
        const page = await this.api.history(this.roomId, { after, limit: 200 });
        this.add(page, readAfter);
        if (page.messages.length === 0) break;
      }
    } catch {
      // The next push, acknowledgement or reconnect tries again.
    }
  }
}
