import { h } from "../dom";
import type { CannedResponse } from "@orleanschat/client";
import { expand, shortcutAt, suggestionsFor, type ShortcutToken } from "./canned-shortcuts";

/**
 * The site's canned responses offered in the composer: typing `/` lists them, what follows narrows the list, and
 * ArrowUp/ArrowDown choose, Enter or Tab (or a click) put the chosen one's text in place of the `/shortcut`,
 * Escape closes the list. Attach it before the composer's own keys, so that Enter picks rather than sends while
 * the list is open.
 */
export class CannedSuggestions {
  readonly element = h("ul", { class: "canned-suggestions", role: "listbox", "aria-label": "Canned responses", hidden: true });
  private responses: readonly CannedResponse[] = [];
  private shown: CannedResponse[] = [];
  private token: ShortcutToken | null = null;
  private chosen = 0;

  constructor(private readonly input: HTMLTextAreaElement) {
    input.setAttribute("aria-autocomplete", "list");
    input.addEventListener("input", () => this.refresh());
    input.addEventListener("click", () => this.refresh());
    input.addEventListener("blur", () => setTimeout(() => this.close(), 150));
    input.addEventListener("keydown", (event) => this.onKey(event));
  }

  /** The site's responses, as last read. */
  use(responses: readonly CannedResponse[]): void {
    this.responses = responses;
    this.refresh();
  }

  private onKey(event: KeyboardEvent): void {
    if (this.element.hidden || event.isComposing) return;
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
    if (event.key in moves) {
      this.chosen = (this.chosen + moves[event.key] + this.shown.length) % this.shown.length;
      this.render();
    } else if (event.key === "Enter" || event.key === "Tab") {
      this.pick(this.shown[this.chosen]);
    } else if (event.key === "Escape") {
      this.close();
    } else {
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  private refresh(): void {
    const caret = this.input.selectionStart === this.input.selectionEnd ? this.input.selectionStart : null;
    this.token = caret === null ? null : shortcutAt(this.input.value, caret);
    const shown = this.token ? suggestionsFor(this.responses, this.token.prefix) : [];
    if (shown.map((r) => r.responseId).join() !== this.shown.map((r) => r.responseId).join()) this.chosen = 0;
    this.shown = shown;
    this.render();
  }

  private pick(response: CannedResponse): void {
    if (!this.token) return;
    const expanded = expand(this.input.value, this.token, response);
    this.input.value = expanded.text;
    this.input.setSelectionRange(expanded.caret, expanded.caret);
    this.input.focus();
    this.close();
    // As if typed: the composer's own listeners (typing indicator) hear of it.
    this.input.dispatchEvent(new Event("input"));
  }

  private close(): void {
    this.shown = [];
    this.render();
  }

  private render(): void {
    this.element.hidden = this.shown.length === 0;
    this.element.replaceChildren(...this.shown.map((response, index) => {
      const item = h("li", { role: "option", class: "canned", "aria-selected": String(index === this.chosen), "data-shortcut": response.shortcut },
        h("span", { class: "shortcut" }, `/${response.shortcut}`), h("span", { class: "canned-text" }, response.text));
      // mousedown, not click: the composer keeps its focus (and its caret).
      item.addEventListener("mousedown", (event) => {
        event.preventDefault();
        this.pick(response);
      });
      return item;
    }));
  }
}
