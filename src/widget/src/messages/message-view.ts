import type { ChatMessage } from "@orleanschat/client";
import type { MessageActions } from "./message-actions";
import { renderQuote } from "./quote-view";
import { renderReactions } from "./reaction-bar";
import { h, renderText, senderLine } from "../dom";
import { renderAttachments } from "../files/attachments-view";
import type { FileLinks } from "../files/file-links";
import { t } from "../i18n/text";
import { formatDate } from "../i18n/translator";

export interface MessageViewOptions {
  /** The user who reads: their messages are "mine". */
  me: string;
  links: FileLinks | null;
  /** The widget's controls (edit, delete, react, reply); without them the message is read-only (the agent console). */
  actions?: MessageActions;
  /** Brings the message a reply quotes into view. */
  showQuoted?: (seq: number) => void;
  attributes?: Record<string, string>;
}

/**
 * A stored message as a list item: the quote it answers, who wrote it, its text (as text nodes only), its files,
 * "(edited)" with when as a tooltip, its reactions and, in the widget, its controls. A deleted message is a
 * tombstone: who wrote it and "Message deleted", nothing else.
 */
export function renderMessage(message: ChatMessage, options: MessageViewOptions): HTMLLIElement {
  const kind = message.kind === "system" ? "system" : message.senderId === options.me ? "mine"
    : message.kind === "assistant" ? "theirs assistant" : "theirs";
  const deleted = Boolean(message.deletedAt);
  const item = h("li", {
    class: `message ${kind}${deleted ? " deleted" : ""}`, "data-seq": String(message.seq), "data-state": "sent", ...options.attributes,
  });
  if (message.replyTo && !deleted) item.append(renderQuote(message.replyTo, options.showQuoted));
  item.append(senderLine(message.senderName, message.kind === "assistant"));
  if (deleted) {
    item.append(h("span", { class: "tombstone" }, t("message.deleted")));
  } else {
    item.append(options.actions?.editor(message) ?? h("span", { class: "text" }, ...renderText(message.text)));
    if (message.attachments?.length && options.links) item.append(renderAttachments(message.attachments, options.links));
    if (message.editedAt) item.append(h("span", { class: "edited", title: t("message.editedAt", { when: when(message.editedAt) }) }, t("message.edited")));
    const reactions = renderReactions(message.reactions, options.actions?.toggle(message));
    if (reactions) item.append(reactions);
    const controls = options.actions?.controls(message);
    if (controls) item.append(controls);
  }
  item.append(h("time", { class: "visually-hidden", datetime: message.sentAt }, when(message.sentAt, true)));
  return item;
}

function when(at: string, timeOnly = false): string {
  return formatDate(at, timeOnly ? { hour: "2-digit", minute: "2-digit" } : { dateStyle: "medium", timeStyle: "short" });
}
