import type { OutboxItem } from "@orleanschat/client";
import { renderQuote } from "./quote-view";
import { h, renderText } from "../dom";
import { renderAttachments } from "../files/attachments-view";
import type { FileLinks } from "../files/file-links";
import { t } from "../i18n/text";

export interface OutboxActions {
  retry(clientMessageId: string): void;
  discard(clientMessageId: string): void;
}

/** A message waiting in the outbox: *Sending…*, or *Not sent* with Retry and Discard; the quote it answers and its files as they will show. */
export function renderOutboxItem(item: OutboxItem, links: FileLinks | null, actions: OutboxActions): HTMLLIElement {
  const element = h("li", { class: "message mine", "data-state": item.state, "data-client-id": item.clientMessageId },
    ...(item.replyTo ? [renderQuote(item.replyTo)] : []), h("span", { class: "text" }, ...renderText(item.text)));
  if (links && item.attachments?.length) element.append(renderAttachments(item.attachments, links));
  if (item.state === "pending") {
    element.append(h("span", { class: "status" }, t("outbox.sending")));
  } else {
    const retry = h("button", { type: "button" }, t("outbox.retry"));
    retry.addEventListener("click", () => actions.retry(item.clientMessageId));
    const discard = h("button", { type: "button" }, t("outbox.discard"));
    discard.addEventListener("click", () => actions.discard(item.clientMessageId));
    element.append(h("span", { class: "status", role: "alert" }, t("outbox.notSent"), retry, discard));
  }
  return element;
}
