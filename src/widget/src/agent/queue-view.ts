import { h } from "../dom";
import type { SupportConversation } from "@orleanschat/client";
import { pathOf, since, visitorLabel } from "./wording";

/** What the lists need to know about a conversation besides the desk's record. */
export interface QueueEntry {
  conversation: SupportConversation;
  unread: number;
}

/**
 * The desk's conversations in three lists: waiting (first in line first, with how long), the agent's own (with
 * unread counts), and those other agents hold; narrowed by status and label when the agent chooses.
 */
export class QueueView {
  readonly element: HTMLElement;
  private readonly waiting = h("ol", { class: "queue", id: "waiting" });
  private readonly mine = h("ol", { class: "queue", id: "mine" });
  private readonly others = h("ol", { class: "queue", id: "others" });
  private readonly counts = { waiting: h("span"), mine: h("span"), others: h("span") };
  private readonly statusFilter = h("select", { class: "status-filter", "aria-label": "Status" },
    h("option", { value: "" }, "Any status"), h("option", { value: "waiting" }, "Waiting"), h("option", { value: "assigned" }, "Assigned"));
  private readonly labelFilter = h("select", { class: "label-filter", "aria-label": "Label" }, h("option", { value: "" }, "Any label"));
  private last: [readonly QueueEntry[], string, string | null] = [[], "", null];

  constructor(private readonly select: (conversationId: string) => void, extra: HTMLElement) {
    for (const filter of [this.statusFilter, this.labelFilter]) filter.addEventListener("change", () => this.render(...this.last));
    this.element = h("nav", { class: "queues", "aria-label": "Conversations" },
      h("div", { class: "filters" }, this.statusFilter, this.labelFilter),
      h("h2", {}, "Waiting ", this.counts.waiting), this.waiting,
      h("h2", {}, "My conversations ", this.counts.mine), this.mine,
      h("h2", {}, "With other agents ", this.counts.others), this.others, extra);
  }

  render(entries: readonly QueueEntry[], me: string, selected: string | null): void {
    this.last = [entries, me, selected];
    this.offerLabels(entries);
    const status = this.statusFilter.value;
    const label = this.labelFilter.value;
    const byAge = [...entries]
      .filter((e) => (!status || e.conversation.status === status) && (!label || (e.conversation.labels ?? []).includes(label)))
      .sort((a, b) => Date.parse(a.conversation.statusSince) - Date.parse(b.conversation.statusSince));
    const lists: [HTMLOListElement, HTMLSpanElement, QueueEntry[]][] = [
      [this.waiting, this.counts.waiting, byAge.filter((e) => e.conversation.status === "waiting")],
      [this.mine, this.counts.mine, byAge.filter((e) => e.conversation.status === "assigned" && e.conversation.agentId === me)],
      [this.others, this.counts.others, byAge.filter((e) => e.conversation.status === "assigned" && e.conversation.agentId !== me)],
    ];
    for (const [list, count, shown] of lists) {
      count.textContent = `(${shown.length})`;
      list.replaceChildren(...shown.map((entry) => this.item(entry, selected)));
    }
  }

  /** The labels of the conversations on the desk, the chosen one kept while none carries it. */
  private offerLabels(entries: readonly QueueEntry[]): void {
    const chosen = this.labelFilter.value;
    const labels = new Set(entries.flatMap((e) => e.conversation.labels ?? []));
    if (chosen) labels.add(chosen);
    this.labelFilter.replaceChildren(h("option", { value: "" }, "Any label"), ...[...labels].sort().map((l) => h("option", { value: l }, l)));
    this.labelFilter.value = chosen;
  }

  private item({ conversation, unread }: QueueEntry, selected: string | null): HTMLLIElement {
    const button = h("button", { type: "button", "aria-current": conversation.conversationId === selected ? "true" : "false" },
      h("span", { class: "name" }, visitorLabel(conversation)),
      h("span", { class: "where" }, conversation.page ? pathOf(conversation.page) : conversation.topic ?? ""),
      h("span", { class: "age" }, since(conversation.statusSince)),
      h("span", { class: "unread", hidden: unread === 0 }, String(unread)),
      ...(conversation.labels ?? []).map((l) => h("span", { class: "label" }, l)));
    button.addEventListener("click", () => this.select(conversation.conversationId));
    return h("li", { class: "conversation", "data-conversation-id": conversation.conversationId, "data-status": conversation.status }, button);
  }
}
