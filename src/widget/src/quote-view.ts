import { h } from "./dom";
import type { MessageQuote } from "@orleanschat/client";

/**
 * The message a reply answers, above the reply's text: who wrote it and the start of what they wrote ("Message
 * deleted" once it is gone). With `show`, a button that brings the original into view; else plain text.
 */
export function renderQuote(quote: MessageQuote, show?: (seq: number) => void): HTMLElement {
  const content = [
    h("span", { class: "visually-hidden" }, "In reply to "),
    h("span", { class: "quote-sender" }, quote.senderName),
    h("span", { class: `quote-excerpt${quote.excerpt ? "" : " gone"}` }, quote.excerpt || "Message deleted"),
  ];
  if (!show) return h("blockquote", { class: "quote", "data-quote-seq": String(quote.seq) }, ...content);
  const button = h("button", { type: "button", class: "quote", "data-quote-seq": String(quote.seq), title: "Show the message this answers" }, ...content);
  button.addEventListener("click", () => show(quote.seq));
  return button;
}
