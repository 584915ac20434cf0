import type { ChatMessage, MessageQuote } from "@orleanschat/client";
import { h } from "../dom";
import { t } from "../i18n/text";

/** How much of the answered message the banner and the pending reply show (the server keeps its own excerpt). */
const excerptLength = 140;

/**
 * "Replying to Ann: …" above the composer, from Reply on a message until the reply is sent or the user cancels
 * it (× or Escape in the composer). It holds the quote the reply goes with.
 */
export class ReplyBanner {
  readonly element: HTMLElement;
  private readonly who = h("span", { class: "reply-sender" });
  private readonly excerpt = h("span", { class: "reply-excerpt" });
  private current: MessageQuote | null = null;

  constructor(private readonly cancelled: () => void) {
    const cancel = h("button", { type: "button", class: "reply-cancel", "aria-label": t("reply.cancel") }, "×");
    cancel.addEventListener("click", () => {
      this.clear();
      this.cancelled();
    });
    this.element = h("div", { class: "reply-banner", hidden: true, role: "status" },
      h("span", { class: "reply-text" }, `${t("reply.to")} `, this.who, ": ", this.excerpt), cancel);
  }

  get quote(): MessageQuote | null {
    return this.current;
  }

  show(message: ChatMessage): void {
    const text = message.text || (message.attachments?.map((a) => a.fileName).join(", ") ?? "");
    this.current = {
      seq: message.seq, senderId: message.senderId, senderName: message.senderName,
      excerpt: text.length <= excerptLength ? text : `${text.slice(0, excerptLength).trimEnd()}…`,
    };
    this.who.textContent = message.senderName;
    this.excerpt.textContent = this.current.excerpt;
    this.element.hidden = false;
  }

  /** The message replied to was deleted meanwhile: the server takes no reply to it, so the message goes on its own. */
  deleted(seq: number): void {
    if (this.current?.seq !== seq) return;
    this.current = null;
    this.excerpt.textContent = t("reply.gone");
  }

  clear(): void {
    this.current = null;
    this.element.hidden = true;
  }
}
