import { humanSize } from "./human-size";
import { h, icon } from "../dom";
import { t } from "../i18n/text";

/** The protocol's limit of files per message. */
const maxFiles = 10;

const paperclip = "M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5";

/**
 * The files the next message will carry, chosen through the attach button (a hidden file input), pasted into the
 * composer (a screenshot) or dropped on the chat. They show as removable chips until the message is sent, so a
 * paste by mistake sends nothing. Put `button`, `input` and `tray` where they belong in the composer.
 */
export class ComposerFiles {
  readonly button = h("button", { type: "button", class: "attach-button", "aria-label": t("composer.attach"), title: t("composer.attach") }, icon(paperclip));
  readonly input = h("input", { type: "file", multiple: true, hidden: true, tabindex: "-1", class: "file-input" });
  readonly tray = h("ul", { class: "composer-files", "aria-label": t("composer.files"), hidden: true });
  private files: File[] = [];
  private note = "";

  /** `composer`: the text box that takes pasted files; `dropZone`: where dropped files are taken. */
  constructor(private readonly composer: HTMLTextAreaElement, dropZone: HTMLElement) {
    this.button.addEventListener("click", () => this.input.click());
    this.input.addEventListener("change", () => {
      this.add(Array.from(this.input.files ?? []));
      // The same file may be chosen again later.
      this.input.value = "";
    });
    composer.addEventListener("paste", (event) => {
      const pasted = Array.from(event.clipboardData?.files ?? []);
      if (pasted.length === 0) return;
      event.preventDefault();
      this.add(pasted);
    });
    dropZone.addEventListener("dragover", (event) => {
      if (!event.dataTransfer?.types.includes("Files")) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
      dropZone.dataset.dropping = "";
    });
    dropZone.addEventListener("dragleave", (event) => {
      if (!dropZone.contains(event.relatedTarget as Node | null)) delete dropZone.dataset.dropping;
    });
    dropZone.addEventListener("drop", (event) => {
      delete dropZone.dataset.dropping;
      const dropped = Array.from(event.dataTransfer?.files ?? []);
      if (dropped.length === 0) return;
      event.preventDefault();
      this.add(dropped);
    });
  }

  get count(): number {
    return this.files.length;
  }

  /** Files can be attached while the composer takes text. */
  enable(enabled: boolean): void {
    this.button.disabled = !enabled;
  }

  /** The chosen files, for the message being sent; the tray empties. */
  take(): File[] {
    const taken = this.files;
    this.files = [];
    this.note = "";
    this.render();
    return taken;
  }

  private add(files: readonly File[]): void {
    // The composer takes nothing yet (the console before the agent is in the conversation).
    if (this.button.disabled) return;
    const room = maxFiles - this.files.length;
    this.files.push(...files.slice(0, Math.max(room, 0)));
    this.note = files.length > room ? t("composer.tooManyFiles", { count: maxFiles }) : "";
    this.render();
    this.composer.focus();
  }

  private render(): void {
    this.tray.hidden = this.files.length === 0 && !this.note;
    this.tray.replaceChildren(...this.files.map((file, index) => {
      const remove = h("button", { type: "button", class: "remove-file", "aria-label": t("file.remove", { name: file.name }) }, "×");
      remove.addEventListener("click", () => {
        this.files.splice(index, 1);
        this.render();
      });
      return h("li", { class: "composer-file" }, h("span", { class: "file-name" }, file.name), h("span", { class: "file-size" }, humanSize(file.size)), remove);
    }), ...(this.note ? [h("li", { class: "note", role: "status" }, this.note)] : []));
  }
}
