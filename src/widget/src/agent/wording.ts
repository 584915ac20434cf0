import type { SupportAgent, SupportConversation } from "@orleanschat/client";
import { t } from "./i18n/text";

/** How long ago, in the coarse words a queue needs: "40 s", "3 min", "2 h". */
export function since(timestamp: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(timestamp)) / 1000));
  if (seconds < 60) return t("since.seconds", { count: seconds });
  if (seconds < 3600) return t("since.minutes", { count: Math.floor(seconds / 60) });
  return t("since.hours", { count: Math.floor(seconds / 3600) });
}

/** A conversation's status for the agent: "Waiting (2nd in line)", "Assigned to you", "Assigned to Bob". */
export function describeStatus(conversation: SupportConversation, me: string, agents: readonly SupportAgent[]): string {
  switch (conversation.status) {
    case "bot":
      return t("describe.bot");
    case "waiting":
      return conversation.position ? t("describe.waitingAt", { position: conversation.position }) : t("describe.waiting");
    case "assigned": {
      if (conversation.agentId === me) return t("describe.mine");
      const agent = agents.find((a) => a.agentId === conversation.agentId);
      return t("describe.assigned", { name: agent?.displayName ?? conversation.agentId ?? "" });
    }
    case "resolved":
      return t("describe.resolved");
  }
}

/** Anonymous visitors are all "Visitor": the end of their id tells them apart in a list. */
export function visitorLabel(conversation: SupportConversation): string {
  return conversation.visitorName === "Visitor" ? `Visitor ${conversation.visitorId.slice(-4)}` : conversation.visitorName;
}

/** Where the visitor is, short: the page's path. */
export function pathOf(page: string): string {
  try {
    return new URL(page).pathname;
  } catch {
    return page;
  }
}
