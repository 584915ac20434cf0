import { h } from "../dom";
import { t } from "../i18n/text";

/**
 * "3 new messages" at the bottom of the log while the reader has scrolled up and messages they have not seen came
 * in below; clicking it takes them to the end. It never moves what they are reading.
 */
export class NewMessagesPill {
  readonly element = h("button", { class: "new-messages", type: "button", hidden: true, title: t("unread.jump") });
  private unseen = 0;
  private away = false;

  constructor(jump: () => void) {
    this.element.addEventListener("click", jump);
  }

  /** Messages from others that the reader has not seen. */
  setUnseen(count: number): void {
    this.unseen = count;
    this.render();
  }

  /** Whether the reader is away from the end of the log. */
  setAway(away: boolean): void {
    this.away = away;
    this.render();
  }

  private render(): void {
    const shown = this.away && this.unseen > 0;
    this.element.hidden = !shown;
    if (shown) this.element.textContent = `↓ ${t("unread.pill", { count: this.unseen })}`;
  }
}
