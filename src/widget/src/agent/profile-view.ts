import { h } from "../dom";
import type { SupportProfile } from "@orleanschat/client";
import { pathOf, since } from "./wording";

/** Who the visitor is beside the chat: e-mail if given, the pages they came from, their other conversations. */
export class ProfileView {
  readonly element = h("details", { class: "profile" }, h("summary", {}, "Visitor profile"));
  private readonly body = h("div", { class: "profile-body" }, h("p", { class: "empty" }, "Loading…"));

  constructor() {
    this.element.append(this.body);
  }

  show(profile: SupportProfile): void {
    const pages = [...profile.pages].reverse();
    this.body.replaceChildren(
      h("p", {}, profile.email ? `E-mail: ${profile.email}` : "No e-mail address given."),
      h("h3", {}, "Pages visited"),
      pages.length === 0 ? h("p", { class: "empty" }, "None known.")
        : h("ol", { class: "pages" }, ...pages.map((p) => h("li", { title: p.page }, `${pathOf(p.page)} · ${since(p.at)} ago`))),
      h("h3", {}, "Past conversations"),
      profile.pastConversations.length === 0 ? h("p", { class: "empty" }, "This is their first.")
        : h("ol", { class: "past" }, ...profile.pastConversations.map((r) => h("li", { "data-conversation-id": r.conversation.conversationId },
          `${new Date(r.conversation.createdAt).toLocaleDateString()} · ${r.conversation.topic ?? "no topic"} · ${r.conversation.status}`
          + (r.rating ? ` · rated ${r.rating.score}/5` : "")))));
  }

  failed(reason: string): void {
    this.body.replaceChildren(h("p", { class: "empty" }, reason));
  }
}
