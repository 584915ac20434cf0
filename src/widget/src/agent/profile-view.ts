import { h } from "../dom";
import { formatDate } from "../i18n/translator";
import type { SupportProfile } from "@orleanschat/client";
import { t } from "./i18n/text";
import { pathOf, since } from "./wording";

/** Who the visitor is beside the chat: e-mail if given, the pages they came from, their other conversations. */
export class ProfileView {
  readonly element = h("details", { class: "profile" }, h("summary", {}, t("profile.summary")));
  private readonly body = h("div", { class: "profile-body" }, h("p", { class: "empty" }, t("profile.loading")));

  constructor() {
    this.element.append(this.body);
  }

  show(profile: SupportProfile): void {
    const pages = [...profile.pages].reverse();
    this.body.replaceChildren(
      h("p", {}, profile.email ? t("profile.email", { email: profile.email }) : t("profile.noEmail")),
      h("h3", {}, t("profile.pages")),
      pages.length === 0 ? h("p", { class: "empty" }, t("profile.noPages"))
        : h("ol", { class: "pages" }, ...pages.map((p) => h("li", { title: p.page }, t("profile.pageAgo", { path: pathOf(p.page), since: since(p.at) })))),
      h("h3", {}, t("profile.past")),
      profile.pastConversations.length === 0 ? h("p", { class: "empty" }, t("profile.first"))
        : h("ol", { class: "past" }, ...profile.pastConversations.map((r) => h("li", { "data-conversation-id": r.conversation.conversationId },
          `${formatDate(r.conversation.createdAt, { dateStyle: "medium" })} · ${r.conversation.topic ?? t("profile.noTopic")} · ${t(`status.${r.conversation.status}`)}`
          + (r.rating ? ` · ${t("profile.rated", { score: r.rating.score })}` : "")))));
  }

  failed(reason: string): void {
    this.body.replaceChildren(h("p", { class: "empty" }, reason));
  }
}
