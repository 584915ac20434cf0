import type { OutboxItem } from "./outbox/outbox.js";
import type { ChatMessage, Member, SupportChanged } from "./protocol.js";
import type { AssistantDraft } from "./support/assistant-drafts.js";

/**
 * What the chat client tells the view: the connection, the timeline and its changes, the outbox, typing, members,
 * reading, support. The connection's `refused`: the server refused the join for good (`forbidden`, `not-found`,
 * `invalid`), say the user was removed from the room or banned while away. `left`: the user is out of the room while
 * connected (they left it on another device, or were removed, banned, or moved off a support conversation). After
 * either the client no longer reconnects and nothing more of the room arrives; what waited in the outbox is sent once
 * more over REST and fails with the server's answer.
 */
export type ConnectionState = "connecting" | "connected" | "reconnecting" | "offline" | "refused" | "left";

export interface ChatClientEvents {
  [name: string]: unknown;
  state: ConnectionState;
  /** Messages new to the timeline, ascending; `live` when pushed as they were sent (not history). */
  messages: { added: ChatMessage[]; live: boolean };
  /** Held messages that changed (edited, deleted, reacted to, or quoting one deleted), as they now are. */
  changed: ChatMessage[];
  /** The timeline emptied for a new epoch of the server's log (a restore); the latest messages follow. */
  restarted: undefined;
  outbox: OutboxItem[];
  typing: string[];
  members: Member[];
  read: number;
  /** The assistant's answers being written in the room. */
  drafts: AssistantDraft[];
  support: SupportChanged;
}
