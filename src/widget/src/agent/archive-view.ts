import type { ChatApi } from "@orleanschat/client";
import { h } from "../dom";
import type { SupportStatus } from "@orleanschat/client";
import type { SupportRecord, SupportRecordPage } from "@orleanschat/client";
import { visitorLabel } from "./wording";

/**
 * Every conversation of the site, open and resolved, from `GET /api/support/conversations`: by status, label and
 * words of the visitor's name or topic, newest first, a page at a time.
 */
export class ArchiveView {
  readonly element: HTMLElement;
  private readonly status = h("select", { class: "archive-status", "aria-label": "Archive status" },
    h("option", { value: "" }, "Any status"), ...["resolved", "waiting", "assigned", "bot"].map((s) => h("option", { value: s }, s)));
  private readonly label = h("input", { type: "text", class: "archive-label", placeholder: "Label", maxlength: "40", "aria-label": "Archive label" });
  private readonly text = h("input", { type: "search", class: "archive-text", placeholder: "Name or topic", maxlength: "100", "aria-label": "Archive search" });
  private readonly results = h("ol", { class: "queue", id: "archive" });
  private readonly more = h("button", { type: "button", class: "more", hidden: true }, "More");
  private next: string | null = null;

  constructor(
    private readonly api: ChatApi,
    private readonly siteId: string,
    private readonly open: (record: SupportRecord) => void,
    private readonly failed: (error: unknown) => void,
  ) {
    const form = h("form", { class: "archive-search" }, this.status, this.label, this.text, h("button", { type: "submit" }, "Find"));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.load(false);
    });
    this.more.addEventListener("click", () => void this.load(true));
    this.element = h("section", { class: "archive" }, h("h2", {}, "All conversations"), form, this.results, this.more);
  }

  private async load(more: boolean): Promise<void> {
    const query = new URLSearchParams({ siteId: this.siteId, limit: "20" });
    if (this.status.value) query.set("status", this.status.value as SupportStatus);
    if (this.label.value.trim()) query.set("label", this.label.value.trim());
    if (this.text.value.trim()) query.set("q", this.text.value.trim());
    if (more && this.next) query.set("before", this.next);
    try {
      const page: SupportRecordPage = await this.api.conversations(query);
      if (!more) this.results.replaceChildren();
      this.results.append(...page.conversations.map((record) => this.item(record)));
      this.next = page.next ?? null;
      this.more.hidden = this.next === null;
    } catch (error) {
      this.failed(error);
    }
  }

  private item(record: SupportRecord): HTMLLIElement {
    const c = record.conversation;
    const button = h("button", { type: "button" },
      h("span", { class: "name" }, visitorLabel(c)),
      h("span", { class: "where" }, c.topic ?? ""),
      h("span", { class: "age" }, `${c.status}${record.rating ? ` · ${record.rating.score}/5` : ""}`),
      ...(c.labels ?? []).map((l) => h("span", { class: "label" }, l)));
    button.addEventListener("click", () => this.open(record));
    return h("li", { class: "conversation", "data-conversation-id": c.conversationId, "data-status": c.status }, button);
  }
}
