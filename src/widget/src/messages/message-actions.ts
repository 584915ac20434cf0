import { ApiError, type ChatMessage } from "@orleanschat/client";
import { renderReactionPicker, type ToggleReaction } from "./reaction-bar";
import { h } from "../dom";
import { t } from "../i18n/text";

/** What the user can do to a message; each rejects with the server's refusal. */
export interface MessageCommands {
  edit(seq: number, text: string): Promise<void>;
  remove(seq: number): Promise<void>;
  react(seq: number, emoji: string, reacted: boolean): Promise<void>;
  reply(message: ChatMessage): void;
}

/** Redraws one message; `focus` names the control (its `data-key`) to focus in it afterwards. */
export type Redraw = (seq: number, focus?: string) => void;

type Mode = "edit" | "confirm-delete" | "pick";

/**
 * The controls on each message in the widget: Reply and React on any, Edit and Delete on the user's own. Edit turns
 * the text into an editor (Enter saves, Shift+Enter breaks the line, Escape cancels); Delete asks once more; React
 * opens a row of emoji. It keeps which message is in which mode, and the draft and last refusal of each, so that a
 * message redrawn by a live change stays as the user left it.
 */
export class MessageActions {
  private readonly modes = new Map<number, Mode>();
  private readonly drafts = new Map<number, string>();
  private readonly errors = new Map<number, string>();

  constructor(private readonly commands: MessageCommands, private readonly me: () => string, private readonly redraw: Redraw) {}

  /** The editor in place of the text while the message is being edited; null otherwise. */
  editor(message: ChatMessage): HTMLElement | null {
    if (this.modes.get(message.seq) !== "edit" || message.deletedAt) return null;
    const field = h("textarea", { class: "edit-field", rows: "2", maxlength: "4000", "aria-label": t("action.editLabel"), "data-key": "editor" });
    field.value = this.drafts.get(message.seq) ?? message.text;
    field.addEventListener("input", () => this.drafts.set(message.seq, field.value));
    field.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        void this.save(message, field.value);
      } else if (event.key === "Escape") {
        event.stopPropagation();
        this.leave(message.seq, "edit");
      }
    });
    const save = button(t("action.save"), "save", t("action.saveLabel"), () => void this.save(message, field.value));
    const cancel = button(t("action.cancel"), "cancel-edit", t("action.cancelEdit"), () => this.leave(message.seq, "edit"));
    return h("div", { class: "editor" }, field, h("div", { class: "editor-buttons" }, save, cancel));
  }

  /** Toggles a reaction from a chip. */
  toggle(message: ChatMessage): ToggleReaction {
    return (emoji, reacted) => void this.run(message.seq, () => this.commands.react(message.seq, emoji, reacted), `reaction:${emoji}`);
  }

  /** The controls under a message: its toolbar, the reaction picker, or the question before deleting; and the last refusal. */
  controls(message: ChatMessage): HTMLElement | null {
    if (message.deletedAt || message.kind === "system") return null;
    const seq = message.seq;
    const mode = this.modes.get(seq);
    const error = this.errors.get(seq);
    const bar = h("div", { class: "message-actions", "data-mode": mode ?? "none" });
    if (mode === "confirm-delete") {
      bar.append(h("span", { class: "confirm-text" }, t("action.confirmDelete")),
        button(t("action.delete"), "confirm-delete", t("action.confirmDeleteLabel"), () => {
          this.modes.delete(seq);
          void this.run(seq, () => this.commands.remove(seq), "message");
        }),
        button(t("action.cancel"), "cancel-delete", t("action.keep"), () => this.leave(seq, "delete")));
      bar.addEventListener("keydown", (event) => {
        if (event.key !== "Escape") return;
        event.stopPropagation();
        this.leave(seq, "delete");
      });
    } else if (mode === "pick") {
      bar.append(renderReactionPicker(message.reactions, (emoji, reacted) => {
        this.modes.delete(seq);
        void this.run(seq, () => this.commands.react(seq, emoji, reacted), "react");
      }, () => this.leave(seq, "react")));
    } else if (mode !== "edit") {
      bar.append(
        button(t("action.reply"), "reply", t("action.replyTo", { name: message.senderName }), () => this.commands.reply(message)),
        button(t("action.react"), "react", t("action.reactLabel"), () => this.enter(seq, "pick", "pick:👍")));
      if (message.senderId === this.me()) {
        if (message.kind === "text") bar.append(button(t("action.edit"), "edit", t("action.editLabel"), () => this.enter(seq, "edit", "editor")));
        bar.append(button(t("action.delete"), "delete", t("action.deleteLabel"), () => this.enter(seq, "confirm-delete", "cancel-delete")));
      }
    }
    if (error) bar.append(h("span", { class: "action-error", role: "alert" }, error));
    return bar;
  }

  /** Forgets what was open on messages no longer shown (the timeline started over). */
  clear(): void {
    this.modes.clear();
    this.drafts.clear();
    this.errors.clear();
  }

  private enter(seq: number, mode: Mode, focus: string): void {
    this.modes.set(seq, mode);
    this.errors.delete(seq);
    this.redraw(seq, focus);
  }

  /** Closes a mode and gives focus back to the control that opened it. */
  private leave(seq: number, opener: string): void {
    this.modes.delete(seq);
    this.drafts.delete(seq);
    this.redraw(seq, opener);
  }

  private async save(message: ChatMessage, draft: string): Promise<void> {
    const text = draft.trim();
    if (text === message.text.trim()) return this.leave(message.seq, "edit");
    if (!text) {
      this.errors.set(message.seq, t("action.needsText"));
      return this.redraw(message.seq, "editor");
    }
    const done = await this.run(message.seq, () => this.commands.edit(message.seq, text), "editor");
    if (done) this.leave(message.seq, "edit");
  }

  /** Runs a command; a refusal shows on the message. Returns whether it succeeded. */
  private async run(seq: number, command: () => Promise<void>, focus: string): Promise<boolean> {
    this.errors.delete(seq);
    try {
      await command();
      this.redraw(seq, focus);
      return true;
    } catch (error) {
      this.errors.set(seq, t("action.failed", { reason: reason(error) }));
      this.redraw(seq, focus);
      return false;
    }
  }
}

function button(text: string, key: string, label: string, action: () => void): HTMLButtonElement {
  const element = h("button", { type: "button", class: `action ${key}`, "data-key": key, "aria-label": label }, text);
  element.addEventListener("click", action);
  return element;
}

/** The server's reason, as SignalR or problem details word it, without SignalR's preamble. */
function reason(error: unknown): string {
  if (error instanceof ApiError) return error.status === 0 ? t("error.noConnection") : error.message;
  const message = error instanceof Error ? error.message : String(error);
  const at = message.indexOf("HubException: ");
  return at >= 0 ? message.slice(at + "HubException: ".length) : message;
}
