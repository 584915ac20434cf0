import type { AssistantDraft, ChatClient, CannedResponse, SupportAgent, SupportConversation, SupportNote } from "@orleanschat/client";
import { CannedSuggestions } from "./canned-suggestions";
import { t } from "./i18n/text";
import { LabelEditor } from "./label-editor";
import { ProfileView } from "./profile-view";
import { describeStatus, since, visitorLabel } from "./wording";
import { h, onSend, renderText, senderLine } from "../dom";
import { ComposerFiles } from "../files/composer-files";
import { FileLinks } from "../files/file-links";
import { renderUploadingMessage } from "../files/uploading-view";
import { formatList } from "../i18n/text";
import { formatDate } from "../i18n/translator";
import { renderMessage } from "../messages/message-view";
import { renderOutboxItem } from "../messages/outbox-view";

export interface PaneActions {
  take(conversationId: string): void;
  transfer(conversationId: string, agentId: string): void;
  resolve(conversationId: string): void;
  /** Writes a private note; true once the server has it. */
  note(conversationId: string, text: string): Promise<boolean>;
  reopen(conversationId: string): void;
  label(conversationId: string, label: string, add: boolean): void;
}

/**
 * The conversation an agent has open: who the visitor is and where they are, what to do with the conversation,
 * and, once the agent is in it, the whole chat (the assistant's part included) with typing, presence and receipts.
 * The agents' private notes show among the messages, in time order, set apart; the composer's **Note** toggle
 * writes one instead of a message. `/` in the composer offers the site's canned responses.
 */
export class ConversationPane {
  readonly element: HTMLElement;
  private readonly name = h("h2", { class: "visitor" });
  private readonly presence = h("span", { class: "dot", "data-status": "offline", title: t("presence.offline") });
  private readonly badge = h("span", { class: "badge" });
  private readonly details = h("dl", { class: "details" });
  private readonly takeButton = h("button", { type: "button", class: "take" }, t("pane.take"));
  private readonly transferTo = h("select", { class: "transfer-to", "aria-label": t("pane.transferTo") });
  private readonly transferButton = h("button", { type: "button", class: "transfer" }, t("pane.transfer"));
  private readonly resolveButton = h("button", { type: "button", class: "resolve" }, t("pane.resolve"));
  private readonly reopenButton = h("button", { type: "button", class: "reopen" }, t("pane.reopen"));
  private readonly labels: LabelEditor;
  readonly profile = new ProfileView();
  private readonly messages = h("ol", { class: "messages", "aria-label": t("queues.label") });
  private readonly drafts = h("ol", { class: "drafts" });
  private readonly outbox = h("ol", { class: "outbox" });
  private readonly uploading = h("ol", { class: "uploading" });
  private readonly seen = h("p", { class: "seen" });
  private readonly log = h("div", { class: "log" }, this.messages, this.drafts, this.outbox, this.uploading, this.seen);
  private readonly typing = h("p", { class: "typing", "aria-live": "polite" });
  private readonly input = h("textarea", { rows: "2", placeholder: t("pane.replyPlaceholder"), maxlength: "4000", "aria-label": t("pane.reply") });
  private readonly hint = h("p", { class: "hint" });
  private readonly noteToggle = h("button", { type: "button", class: "note-toggle", "aria-pressed": "false", title: t("pane.noteTitle") }, t("pane.note"));
  private readonly sendButton = h("button", { type: "submit", class: "send" }, t("pane.send"));
  private readonly suggestions: CannedSuggestions;
  private readonly notes = new Map<string, SupportNote>();
  private noteMode = false;
  private conversation: SupportConversation;
  private agents: readonly SupportAgent[] = [];
  private client: ChatClient | null = null;
  private links: FileLinks | null = null;
  private readonly files: ComposerFiles;

  constructor(conversation: SupportConversation, private readonly me: string, private readonly actions: PaneActions) {
    this.conversation = conversation;
    this.element = h("section", { class: "pane", "data-conversation-id": conversation.conversationId });
    this.labels = new LabelEditor((label, add) => actions.label(this.conversation.conversationId, label, add));
    this.files = new ComposerFiles(this.input, this.element);
    // Before the composer's own keys: Enter picks a suggestion while the list is open.
    this.suggestions = new CannedSuggestions(this.input);
    const form = h("form", { class: "composer" }, this.files.button, this.input, this.files.input, this.noteToggle, this.sendButton);
    this.element.append(
      h("header", {}, h("div", { class: "who" }, this.presence, this.name, this.badge),
        h("div", { class: "actions" }, this.takeButton, this.transferTo, this.transferButton, this.resolveButton, this.reopenButton)),
      this.details, this.labels.element, this.profile.element, this.hint, this.log, this.typing, this.files.tray, this.suggestions.element, form);
    this.takeButton.addEventListener("click", () => actions.take(this.conversation.conversationId));
    this.transferButton.addEventListener("click", () => {
      if (this.transferTo.value) actions.transfer(this.conversation.conversationId, this.transferTo.value);
    });
    this.resolveButton.addEventListener("click", () => actions.resolve(this.conversation.conversationId));
    this.reopenButton.addEventListener("click", () => actions.reopen(this.conversation.conversationId));
    onSend(form, this.input, () => this.submit());
    this.noteToggle.addEventListener("click", () => this.setNoteMode(!this.noteMode));
    // A note being written is no typing the visitor should hear of.
    this.input.addEventListener("input", () => this.noteMode || this.client?.typed());
    this.update(conversation);
  }

  get conversationId(): string {
    return this.conversation.conversationId;
  }

  /** The conversation's details and status changed, or the desk's agents did. */
  update(conversation: SupportConversation, agents: readonly SupportAgent[] = this.agents): void {
    this.conversation = conversation;
    this.agents = agents;
    this.name.textContent = visitorLabel(conversation);
    this.badge.dataset.status = conversation.status;
    this.badge.textContent = describeStatus(conversation, this.me, agents);
    const mine = conversation.status === "assigned" && conversation.agentId === this.me;
    this.takeButton.hidden = !(conversation.status === "waiting" || (conversation.status === "assigned" && !mine));
    this.resolveButton.hidden = conversation.status === "resolved" || conversation.status === "bot";
    this.reopenButton.hidden = conversation.status !== "resolved";
    this.labels.show(conversation.labels ?? []);
    const others = agents.filter((a) => a.agentId !== this.me);
    this.transferTo.hidden = this.transferButton.hidden = !mine || others.length === 0;
    // Redrawn on every change: the agent's choice stays.
    const chosen = this.transferTo.value;
    this.transferTo.replaceChildren(...others.map((a) =>
      h("option", { value: a.agentId }, t("pane.agentOption", { name: a.displayName, availability: a.available ? t("pane.available") : t("pane.away"), count: a.conversations }))));
    if (others.some((a) => a.agentId === chosen)) this.transferTo.value = chosen;
    this.details.replaceChildren(
      ...detail(t("pane.page"), conversation.page ? h("a", { href: conversation.page, target: "_blank", rel: "noopener noreferrer" }, conversation.page) : t("pane.unknown")),
      ...detail(t("pane.firstSeen"), formatDate(conversation.createdAt, { dateStyle: "medium", timeStyle: "short" })),
      ...(conversation.topic ? detail(t("pane.topic"), conversation.topic) : []),
      ...(conversation.visitorEmail
        ? detail(t("pane.email"), conversation.wantsTranscript ? t("pane.wantsTranscript", { email: conversation.visitorEmail }) : conversation.visitorEmail)
        : []),
      ...detail(t("pane.status"), t("pane.statusFor", { status: t(`status.${conversation.status}`), since: since(conversation.statusSince) })));
    this.hint.textContent = this.live ? "" : conversation.status === "resolved" ? t("pane.resolvedHint")
      : t("pane.takeHint");
    this.hint.hidden = this.hint.textContent === "";
    // Notes may be written before the agent is in the conversation; messages not.
    this.input.disabled = !this.live && !this.noteMode;
    this.files.enable(this.live && !this.noteMode);
  }

  /**
   * Whether the agent can write into the conversation: a client that ended (the agent is out of the room) still shows
   * what it held, read-only.
   */
  private get live(): boolean {
    return this.client !== null && !this.client.ended;
  }

  /** The live chat, once the agent is a member of the conversation's room; drawn again when it ends. */
  bind(client: ChatClient | null): void {
    this.client = client;
    this.links = client ? FileLinks.forRoom(client.api, client.roomId) : null;
    this.update(this.conversation);
    this.render();
  }

  /** Everything the client holds, drawn again: a console shows one conversation at a time, of modest length. */
  render(): void {
    const client = this.client;
    this.renderUploads();
    const atEnd = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 40;
    // Edits, tombstones, reactions (read-only here) and quotes as the widget shows them; notes between, by time.
    const messages = (client?.timeline.messages ?? []).map((m) =>
      ({ at: m.sentAt, item: renderMessage(m, { me: this.me, links: this.links, attributes: { "data-kind": m.kind } }) }));
    const notes = [...this.notes.values()].map((n) => ({ at: n.createdAt, item: renderNote(n) }));
    this.messages.replaceChildren(...[...messages, ...notes].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).map((entry) => entry.item));
    if (client) {
      this.outbox.replaceChildren(...client.outbox.list(client.roomId).map((item) => renderOutboxItem(item, this.links, client)));
      const visitor = client.memberList().find((m) => m.userId === this.conversation.visitorId);
      this.presence.dataset.status = visitor?.status ?? "offline";
      this.presence.title = t(`presence.${visitor?.status ?? "offline"}`);
      const own = client.timeline.messages.filter((m) => m.senderId === this.me);
      const last = own.length > 0 ? own[own.length - 1].seq : null;
      this.seen.textContent = visitor && last !== null && visitor.readSeq >= last ? t("pane.seenBy", { name: visitor.displayName }) : "";
    } else {
      for (const list of [this.drafts, this.outbox]) list.replaceChildren();
      this.seen.textContent = this.typing.textContent = "";
    }
    if (atEnd) this.log.scrollTop = this.log.scrollHeight;
  }

  /** The agent's messages whose files are uploading, with a progress bar per file. */
  renderUploads(): void {
    const client = this.client;
    this.uploading.replaceChildren(...(client?.uploads.list() ?? []).map((m) =>
      renderUploadingMessage(m, (id, fileId) => client?.uploads.remove(id, fileId))));
  }

  setDrafts(drafts: readonly AssistantDraft[]): void {
    this.drafts.replaceChildren(...drafts.map((d) => message(t("pane.assistant"), d.text, "theirs assistant", { "aria-busy": "true" }, true)));
  }

  /** The conversation's notes as read from the server, with any told live meanwhile. */
  showNotes(notes: readonly SupportNote[]): void {
    for (const note of notes) this.notes.set(note.noteId, note);
    this.render();
  }

  /** A note told live (each may come twice: as the answer to writing it, and as the desk's event). */
  addNote(note: SupportNote): void {
    if (note.conversationId !== this.conversationId || this.notes.has(note.noteId)) return;
    this.notes.set(note.noteId, note);
    this.render();
  }

  useCannedResponses(responses: readonly CannedResponse[]): void {
    this.suggestions.use(responses);
  }

  setTyping(names: readonly string[]): void {
    this.typing.textContent = names.length === 0 ? "" : names.length === 1 ? t("pane.typingOne", { name: names[0] }) : t("pane.typingMany", { names: formatList(names) });
  }

  private setNoteMode(on: boolean): void {
    this.noteMode = on;
    this.noteToggle.setAttribute("aria-pressed", String(on));
    this.element.classList.toggle("note-mode", on);
    this.input.placeholder = on ? t("pane.notePlaceholder") : t("pane.replyPlaceholder");
    this.sendButton.textContent = on ? t("pane.addNote") : t("pane.send");
    this.input.setAttribute("aria-label", on ? t("pane.noteLabel") : t("pane.reply"));
    this.update(this.conversation);
    this.input.focus();
  }

  private submit(): void {
    if (this.noteMode) {
      const text = this.input.value;
      if (!text.trim()) return;
      // The text stays until the server has the note, and is cleared then unless the agent wrote on meanwhile.
      void this.actions.note(this.conversationId, text.trim()).then((stored) => {
        if (stored && this.input.value === text) this.input.value = "";
      });
      return;
    }
    if (!this.live || !this.client || (!this.input.value.trim() && this.files.count === 0)) return;
    this.client.uploads.write(this.input.value, this.files.take());
    this.input.value = "";
  }
}

function message(sender: string, text: string, kind: string, attributes: Record<string, string>, generated = false): HTMLLIElement {
  return h("li", { class: `message ${kind}`, ...attributes }, senderLine(sender, generated), h("span", { class: "text" }, ...renderText(text)));
}

function renderNote(note: SupportNote): HTMLLIElement {
  return h("li", { class: "message note", "data-note-id": note.noteId },
    h("span", { class: "sender" }, t("pane.noteBy", { name: note.authorName })), h("span", { class: "text" }, ...renderText(note.text)));
}

function detail(term: string, value: Node | string): HTMLElement[] {
  return [h("dt", {}, term), h("dd", {}, value)];
}
