import type { ChatMessage } from "@orleanschat/client";
import { h } from "./dom";

/** A polite live region that reads out new messages from others, one by one, for screen readers; it keeps the last five. */
export class Announcer {
  readonly element = h("div", { class: "visually-hidden", "aria-live": "polite", "aria-atomic": "false" });

  announce(message: ChatMessage): void {
    const files = message.attachments?.map((a) => a.fileName) ?? [];
    this.element.append(h("p", {}, `${message.senderName}: ${[message.text, ...files].filter(Boolean).join(" ")}`));
    while (this.element.childElementCount > 5) this.element.firstElementChild!.remove();
  }
}
