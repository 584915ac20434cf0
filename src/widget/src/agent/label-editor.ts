import { h } from "../dom";
import { t } from "./i18n/text";

/** A conversation's labels: each with a button that takes it off, and a field that adds one. */
export class LabelEditor {
  readonly element: HTMLElement;
  private readonly list = h("ul", { class: "labels", "aria-label": t("labels.label") });
  private readonly input = h("input", { type: "text", class: "new-label", placeholder: t("labels.placeholder"), maxlength: "40", "aria-label": t("labels.new") });

  constructor(private readonly change: (label: string, add: boolean) => void) {
    const form = h("form", { class: "label-form" }, this.input);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      // Labels are ids: what a person types as "needs callback" becomes needs-callback.
      const label = this.input.value.trim().replace(/\s+/g, "-");
      if (label) this.change(label, true);
      this.input.value = "";
    });
    this.element = h("div", { class: "label-editor" }, this.list, form);
  }

  show(labels: readonly string[]): void {
    this.list.replaceChildren(...labels.map((label) => {
      const remove = h("button", { type: "button", class: "remove-label", "aria-label": t("labels.remove", { label }) }, "×");
      remove.addEventListener("click", () => this.change(label, false));
      return h("li", { class: "label", "data-label": label }, label, remove);
    }));
  }
}
