import type { Member } from "@orleanschat/client";
import { h } from "./dom";
import { formatList, t } from "./i18n/text";

/**
 * Who else is in the room, under the header: a name with a presence dot each, or, in a room whose list is partial
 * (past the server's member-events limit), how many people it has; and, below the messages, who has seen the user's
 * latest message.
 */
export class MemberStrip {
  readonly element = h("div", { class: "members", "aria-label": t("panel.members") });
  readonly seen = h("p", { class: "seen", hidden: true });

  constructor(private readonly me: () => string) {}

  show(members: readonly Member[], count: number, lastOwnSeq: number | null): void {
    const others = members.filter((m) => m.userId !== this.me());
    if (count > members.length) this.element.replaceChildren(h("span", { class: "member-count" }, t("members.count", { count })));
    else this.element.replaceChildren(...others.map((m) =>
      h("span", { class: "member", "data-user-id": m.userId, "data-status": m.status },
        h("span", { class: "dot", "data-status": m.status, "aria-hidden": "true" }),
        `${m.displayName}`,
        h("span", { class: "visually-hidden" }, ` (${t(`presence.${m.status}`)})`))));
    const seenBy = lastOwnSeq === null ? [] : others.filter((m) => m.readSeq >= lastOwnSeq).map((m) => m.displayName);
    this.seen.hidden = seenBy.length === 0;
    this.seen.textContent = seenBy.length > 0 ? t("seen.by", { names: formatList(seenBy) }) : "";
  }
}
