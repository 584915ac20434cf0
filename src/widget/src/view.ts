import type { AssistantDraft, OutboxItem, ChatMessage, Member, MessageQuote, UploadingMessage } from "@orleanschat/client";
import { Announcer } from "./announcer";
import { h, icon, onSend, renderText, senderLine } from "./dom";
import { ComposerFiles } from "./files/composer-files";
import type { FileLinks } from "./files/file-links";
import { renderUploadingMessage } from "./files/uploading-view";
import { formatList, t } from "./i18n/text";
import { currentLocale } from "./i18n/translator";
import { MemberStrip } from "./member-strip";
import type { MessageCommands } from "./messages/message-actions";
import { MessageList } from "./messages/message-list";
import { NewMessagesPill } from "./messages/new-messages-pill";
import { renderOutboxItem } from "./messages/outbox-view";
import { ReplyBanner } from "./messages/reply-banner";
import { ScrollPin } from "./messages/scroll-pin";
import { SeenTracker } from "./messages/seen-tracker";
import type { WidgetOptions } from "./options";
import { PhoneLayout } from "./phone-layout";
import { styles } from "./styles";

export type ViewState = "connecting" | "connected" | "reconnecting" | "offline" | "unavailable";

export interface ViewActions extends Omit<MessageCommands, "reply"> {
  /** `files`: to upload before the message goes; the text may then be empty. `replyTo`: the message it answers. */
  send(text: string, files: File[], replyTo?: MessageQuote): void;
  removeFile(clientMessageId: string, clientFileId: string): void;
  typed(): void;
  retry(clientMessageId: string): void;
  discard(clientMessageId: string): void;
  loadOlder(): void;
  openChanged(open: boolean): void;
  /** The newest message the user has seen on screen: read receipts go this far and no further. */
  seen(seq: number): void;
}

const chatIcon = "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z";

/**
 * The widget on the page: a launcher and a chat panel inside a shadow root. Message text only ever reaches the
 * DOM as text nodes (links as anchors built element by element), so a message cannot inject markup or script.
 */
export class ChatView {
  readonly host: HTMLElement;
  isOpen = false;
  private readonly root: HTMLDivElement;
  private readonly launcher: HTMLButtonElement;
  private readonly badge: HTMLSpanElement;
  private readonly panel: HTMLElement;
  private readonly stateLine: HTMLParagraphElement;
  private readonly people: MemberStrip;
  private readonly log: HTMLDivElement;
  private readonly older: HTMLButtonElement;
  private readonly list: MessageList;
  private readonly drafts: HTMLOListElement;
  private readonly pending: HTMLOListElement;
  private readonly uploading: HTMLOListElement;
  private readonly typing: HTMLParagraphElement;
  private readonly announcer = new Announcer();
  private readonly input: HTMLTextAreaElement;
  private readonly files: ComposerFiles;
  private links: FileLinks | null = null;
  private readonly replyBanner: ReplyBanner;
  private readonly pin: ScrollPin;
  private readonly pill: NewMessagesPill;
  private readonly seenTracker: SeenTracker;
  private readonly phone: PhoneLayout;
  private me = "";

  constructor(options: WidgetOptions, private readonly actions: ViewActions) {
    this.host = h("div", { "data-orleanschat": "" });
    const shadow = this.host.attachShadow({ mode: "open" });

    this.badge = h("span", { class: "badge", hidden: true, "aria-hidden": "true" });
    this.launcher = h("button", { class: "launcher", type: "button", "aria-expanded": "false", "aria-controls": "oc-panel" }, icon(chatIcon), this.badge);

    this.stateLine = h("p", { class: "state", role: "status" }, h("span", { class: "dot" }), h("span", { class: "state-text" }));
    const close = h("button", { class: "close", type: "button", "aria-label": t("panel.close") }, "×");
    const header = h("header", {}, h("div", { class: "heading" }, h("h2", { id: "oc-title" }, options.title), this.stateLine), close);
    this.people = new MemberStrip(() => this.me);
    this.older = h("button", { class: "older", type: "button", hidden: true }, t("panel.older"));
    this.list = new MessageList({ ...actions, reply: (message) => this.replyTo(message) }, () => this.me, () => this.links);
    this.drafts = h("ol", { class: "drafts", "aria-label": t("panel.drafts") });
    this.pending = h("ol", { class: "outbox", "aria-label": t("panel.outbox") });
    this.uploading = h("ol", { class: "uploading", "aria-label": t("panel.uploading") });
    this.log = h("div", { class: "log", tabindex: "0", "aria-labelledby": "oc-title" }, this.older);
    if (options.greeting) this.log.append(h("p", { class: "greeting" }, options.greeting));
    this.pin = new ScrollPin(this.log);
    this.pill = new NewMessagesPill(() => this.pin.toEnd());
    this.pin.onChange((atEnd) => this.pill.setAway(!atEnd));
    this.log.append(this.list.element, this.drafts, this.pending, this.uploading, this.people.seen, this.pill.element);
    this.pin.follow(this.list.element, this.drafts, this.pending, this.uploading, this.people.seen);
    this.seenTracker = new SeenTracker(this.log, this.list.element,
      () => this.isOpen && document.visibilityState === "visible", (seq) => actions.seen(seq));
    this.typing = h("p", { class: "typing", "aria-live": "polite" });
    this.input = h("textarea", { id: "oc-input", rows: "1", placeholder: t("composer.placeholder"), maxlength: "4000" });
    this.panel = h("section", { class: "panel", id: "oc-panel", role: "dialog", "aria-labelledby": "oc-title", hidden: true });
    this.files = new ComposerFiles(this.input, this.panel);
    this.replyBanner = new ReplyBanner(() => this.input.focus());
    const form = h("form", {},
      h("label", { class: "visually-hidden", for: "oc-input" }, t("composer.label")),
      this.files.button, this.input, this.files.input,
      h("button", { class: "send", type: "submit" }, t("composer.send")));
    this.panel.append(header, this.people.element, this.log, this.typing, this.replyBanner.element, this.files.tray, form, this.announcer.element);

    const locale = currentLocale();
    this.root = h("div", {
      class: "root", lang: locale.tag, dir: locale.dir, "data-position": options.position, "data-theme": resolveTheme(options.theme),
    },
      this.panel, this.launcher);
    if (options.color && CSS.supports("color", options.color)) this.root.style.setProperty("--accent", options.color);
    // A constructed stylesheet passes a host page's Content-Security-Policy that forbids inline <style>.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(styles);
    shadow.adoptedStyleSheets = [sheet];
    shadow.append(this.root);
    this.phone = new PhoneLayout(this.root);
    this.setUnread(0);
    this.setState("connecting");

    this.launcher.addEventListener("click", () => (this.isOpen ? this.close() : this.open()));
    close.addEventListener("click", () => this.close());
    this.panel.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      // The first Escape in the composer cancels a reply; the next closes the chat.
      if (event.target === this.input && !this.replyBanner.element.hidden) this.replyBanner.clear();
      else this.close();
    });
    this.older.addEventListener("click", () => actions.loadOlder());
    this.log.addEventListener("scroll", () => {
      if (this.log.scrollTop === 0 && !this.older.hidden) actions.loadOlder();
    });
    onSend(form, this.input, () => this.submit());
    this.input.addEventListener("input", () => actions.typed());
  }

  /** Who the user is, and the signed links of their room's files. */
  setUser(userId: string, links: FileLinks): void {
    this.me = userId;
    this.links = links;
  }

  open(): void {
    if (this.isOpen) return;
    this.isOpen = true;
    this.panel.hidden = false;
    this.root.classList.add("open");
    this.launcher.setAttribute("aria-expanded", "true");
    this.phone.opened();
    this.pin.toEnd();
    this.input.focus();
    this.actions.openChanged(true);
  }

  close(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.panel.hidden = true;
    this.root.classList.remove("open");
    this.launcher.setAttribute("aria-expanded", "false");
    this.phone.closed();
    // Focus goes back where the user opened the chat from.
    this.launcher.focus();
    this.actions.openChanged(false);
  }

  setState(state: ViewState): void {
    this.stateLine.dataset.state = state;
    this.stateLine.querySelector(".state-text")!.textContent = t(`state.${state}`);
    this.input.disabled = state === "unavailable";
    this.files.enable(state !== "unavailable");
  }

  setUnread(count: number): void {
    this.badge.hidden = count === 0;
    this.badge.textContent = count > 99 ? "99+" : String(count);
    this.launcher.setAttribute("aria-label", count > 0 ? t("launcher.unread", { count }) : this.isOpen ? t("panel.close") : t("launcher.open"));
  }

  /** Takes the widget off the page, giving the page back its scrolling. */
  remove(): void {
    this.phone.closed();
    this.host.remove();
  }

  /** Messages from others the user has not seen: counted on the "new messages" pill while they are scrolled up. */
  setUnseen(count: number): void {
    this.pill.setUnseen(count);
  }

  /** The user may have started looking (the tab came to the front): what is on screen now counts as seen. */
  checkSeen(): void {
    this.seenTracker.check();
  }

  setOlderAvailable(available: boolean): void {
    this.older.hidden = !available;
  }

  /** Takes every message off the page: the client's timeline started over (see `restarted`). */
  clearMessages(): void {
    this.list.clear();
    this.replyBanner.clear();
    this.seenTracker.reset();
  }

  /** Puts new messages in seq order; `following` finds the message each one goes before. */
  addMessages(added: readonly ChatMessage[], following: (seq: number) => ChatMessage | undefined, announce: boolean): void {
    const atEnd = this.pin.atEnd;
    const firstBefore = this.list.first;
    const heightBefore = this.log.scrollHeight;
    // Newest first, so that the message each one goes before is already on the page.
    for (const message of [...added].reverse()) {
      this.list.insert(message, following(message.seq)?.seq);
    }
    if (announce) for (const message of added) if (message.senderId !== this.me) this.announcer.announce(message);
    if (firstBefore && this.list.first !== firstBefore && !atEnd) {
      // Older messages went in above: keep what the user was reading where it was.
      this.log.scrollTop += this.log.scrollHeight - heightBefore;
    } else if (atEnd || added.some((m) => m.senderId === this.me)) {
      this.pin.toEnd();
    }
  }

  /** Messages on the page that changed (edited, deleted, reacted to, or quoting one deleted): drawn again in place. */
  updateMessages(messages: readonly ChatMessage[]): void {
    // A message that grew (reactions, a longer text) at the end stays in view.
    const atEnd = this.pin.atEnd;
    for (const message of messages) {
      if (message.deletedAt) this.replyBanner.deleted(message.seq);
      this.list.update(message);
    }
    if (atEnd) this.pin.toEnd();
  }

  renderOutbox(items: readonly OutboxItem[]): void {
    this.pending.replaceChildren(...items.map((item) => renderOutboxItem(item, this.links, this.actions)));
    this.pin.toEnd();
  }

  /** Messages whose files are uploading (they come after the outbox's: they were written later). */
  renderUploads(messages: readonly UploadingMessage<File>[]): void {
    const atEnd = this.pin.atEnd;
    this.uploading.replaceChildren(...messages.map((m) => renderUploadingMessage(m, (id, fileId) => this.actions.removeFile(id, fileId))));
    if (atEnd) this.pin.toEnd();
  }

  /** A bar under the header (support mode's status line). */
  addBar(bar: HTMLElement): void {
    this.people.element.before(bar);
  }

  /** The assistant's answers as they are written; each goes when its stored message arrives. */
  setDrafts(drafts: readonly AssistantDraft[]): void {
    const atEnd = this.pin.atEnd;
    this.drafts.replaceChildren(...drafts.map((draft) =>
      h("li", { class: "message theirs assistant", "data-stream-id": draft.streamId, "aria-busy": "true" },
        senderLine(t("message.assistant"), true),
        h("span", { class: "text" }, ...renderText(draft.text)))));
    if (atEnd) this.pin.toEnd();
  }

  setTyping(names: readonly string[]): void {
    this.typing.textContent = names.length === 0 ? ""
      : names.length === 1 ? t("typing.one", { name: names[0] })
      : t("typing.many", { names: formatList(names) });
  }

  /** Everyone else in the room, and who has seen the user's latest message (see `MemberStrip`). */
  setMembers(members: readonly Member[], count: number, lastOwnSeq: number | null): void {
    this.people.show(members, count, lastOwnSeq);
  }

  private submit(): void {
    const text = this.input.value;
    if (!text.trim() && this.files.count === 0) return;
    this.input.value = "";
    this.actions.send(text, this.files.take(), this.replyBanner.quote ?? undefined);
    this.replyBanner.clear();
  }

  private replyTo(message: ChatMessage): void {
    this.replyBanner.show(message);
    this.input.focus();
  }
}

function resolveTheme(theme: WidgetOptions["theme"]): "light" | "dark" {
  if (theme !== "auto") return theme;
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}
