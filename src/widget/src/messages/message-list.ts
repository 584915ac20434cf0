import type { ChatMessage } from "@orleanschat/client";
import { MessageActions, type MessageCommands } from "./message-actions";
import { renderMessage } from "./message-view";
import { h } from "../dom";
import type { FileLinks } from "../files/file-links";
import { t } from "../i18n/text";

/**
 * The room's stored messages on the widget's page, in seq order, each with its controls. A message that changes
 * is drawn again in place, keeping the keyboard focus where it was; a reply's quote brings its original into view.
 */
export class MessageList {
  readonly element = h("ol", { class: "messages", "aria-label": t("panel.messages") });
  private readonly bySeq = new Map<number, HTMLLIElement>();
  private readonly shown = new Map<number, ChatMessage>();
  private readonly actions: MessageActions;

  constructor(commands: MessageCommands, private readonly me: () => string, private readonly links: () => FileLinks | null) {
    this.actions = new MessageActions(commands, me, (seq, focus) => this.redraw(seq, focus));
  }

  get first(): Element | null {
    return this.element.firstElementChild;
  }

  /** Puts a message on the page before the one with seq `before` (at the end without). */
  insert(message: ChatMessage, before?: number): void {
    const element = this.render(message);
    this.element.insertBefore(element, before === undefined ? null : this.bySeq.get(before) ?? null);
    this.bySeq.set(message.seq, element);
    this.shown.set(message.seq, message);
  }

  /** A message on the page as it now is; returns whether it was on the page. */
  update(message: ChatMessage): boolean {
    if (!this.bySeq.has(message.seq)) return false;
    this.shown.set(message.seq, message);
    this.redraw(message.seq);
    return true;
  }

  clear(): void {
    this.element.replaceChildren();
    this.bySeq.clear();
    this.shown.clear();
    this.actions.clear();
  }

  private render(message: ChatMessage): HTMLLIElement {
    return renderMessage(message, { me: this.me(), links: this.links(), actions: this.actions, showQuoted: (seq) => this.showQuoted(seq) });
  }

  /**
   * Draws a message again in place. Focus stays on the control it was on (or goes to `focus`, a control's
   * `data-key`, or "message" for the message itself), so that keyboard users keep their place.
   */
  private redraw(seq: number, focus?: string): void {
    const old = this.bySeq.get(seq);
    const message = this.shown.get(seq);
    if (!old || !message) return;
    const root = old.getRootNode() as Document | ShadowRoot;
    const active = root.activeElement;
    const key = focus ?? (active && old.contains(active) ? active.getAttribute("data-key") ?? undefined : undefined);
    const element = this.render(message);
    old.replaceWith(element);
    this.bySeq.set(seq, element);
    if (!key) return;
    const control = key === "message" ? null : element.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
    if (control) control.focus();
    else focusItem(element);
  }

  /** A reply's quote was clicked: its original, if held, comes into view and takes focus. */
  private showQuoted(seq: number): void {
    const element = this.bySeq.get(seq);
    if (!element) return;
    element.scrollIntoView({ block: "center", behavior: "smooth" });
    focusItem(element);
    element.classList.add("flash");
    setTimeout(() => element.classList.remove("flash"), 1500);
  }
}

function focusItem(element: HTMLElement): void {
  element.tabIndex = -1;
  element.focus({ preventScroll: true });
}
