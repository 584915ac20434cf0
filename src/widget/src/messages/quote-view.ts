import type { MessageQuote } from "@orleanschat/client";
import { h } from "../dom";
import { t } from "../i18n/text";

/**
 * The message a reply answers, above the reply's text: who wrote it and the start of what they wrote ("Message
 * deleted" once it is gone). With `show`, a button that brings the original into view; else plain text.
 */
export function renderQuote(quote: MessageQuote, show?: (seq: number) => void): HTMLElement {
  const content = [
    h("span", { class: "visually-hidden" }, `${t("quote.inReplyTo")} `),
    h("span", { class: "quote-sender" }, quote.senderName),
    h("span", { class: `quote-excerpt${quote.excerpt ? "" : " gone"}` }, quote.excerpt || t("message.deleted")),
  ];
  if (!show) return h("blockquote", { class: "quote", "data-quote-seq": String(quote.seq) }, ...content);
  const button = h("button", { type: "button", class: "quote", "data-quote-seq": String(quote.seq), title: t("quote.show") }, ...content);
  button.addEventListener("click", () => show(quote.seq));
  return button;
}
