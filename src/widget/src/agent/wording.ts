import type { SupportAgent, SupportConversation } from "@orleanschat/client";

/** How long ago, in the coarse words a queue needs: "40 s", "3 min", "2 h". */
export function since(timestamp: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(timestamp)) / 1000));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h`;
}

/** A conversation's status for the agent: "Waiting (2nd in line)", "Assigned to you", "Assigned to Bob". */
export function describeStatus(conversation: SupportConversation, me: string, agents: readonly SupportAgent[]): string {
  switch (conversation.status) {
    case "bot":
      return "With the assistant";
    case "waiting":
      return conversation.position ? `Waiting (#${conversation.position} in line)` : "Waiting";
    case "assigned": {
      if (conversation.agentId === me) return "Assigned to you";
      const agent = agents.find((a) => a.agentId === conversation.agentId);
      return `Assigned to ${agent?.displayName ?? conversation.agentId}`;
    }
    case "resolved":
      return "Resolved";
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
