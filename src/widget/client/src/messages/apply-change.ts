import type { ChatMessage, MessageChange, Reaction } from "../protocol.js";

/**
 * A message with one change applied, as the protocol's table says, or null when the message already holds it
 * (its own `changeSeq` is not below the change's): a change says its result, so applying it twice does no harm,
 * but an older one must never undo a newer.
 */
export function applyChange(message: ChatMessage, change: MessageChange, me: string): ChatMessage | null {
  if (change.seq !== message.seq || change.changeSeq <= (message.changeSeq ?? 0)) return null;
  const changed: ChatMessage = { ...message, changeSeq: change.changeSeq };
  switch (change.kind) {
    case "edited":
      changed.text = change.text ?? "";
      changed.editedAt = change.at;
      return changed;
    case "deleted":
      return tombstone(changed, change.at);
    case "reaction": {
      const reactions = countReaction(message.reactions ?? [], change, me);
      changed.reactions = reactions.length > 0 ? reactions : undefined;
      return changed;
    }
    default:
      // A kind of change this widget does not know yet: the message's number moves on, nothing else.
      return changed;
  }
}

/** What is left of a deleted message: its seq, sender and time, with no text, files, reactions or quote. */
export function tombstone(message: ChatMessage, at: string): ChatMessage {
  const { attachments: _files, reactions: _reactions, replyTo: _quote, ...rest } = message;
  return { ...rest, text: "", deletedAt: at };
}

/** The reactions after one: the emoji counts `count` (0: gone; a new one goes last); `me` follows the reader's own. */
function countReaction(reactions: readonly Reaction[], change: MessageChange, me: string): Reaction[] {
  const emoji = change.emoji ?? "";
  const count = change.count ?? 0;
  const mine = change.userId === me ? change.reacted ?? false : undefined;
  const at = reactions.findIndex((r) => r.emoji === emoji);
  if (count <= 0) return reactions.filter((r) => r.emoji !== emoji);
  if (at < 0) return [...reactions, { emoji, count, me: mine ?? false }];
  return reactions.map((r, i) => (i === at ? { emoji, count, me: mine ?? r.me } : r));
}

/** A reply whose quoted message was deleted keeps who wrote it but not what. */
export function withoutExcerptOf(message: ChatMessage, deletedSeq: number): ChatMessage | null {
  if (!message.replyTo || message.replyTo.seq !== deletedSeq || message.replyTo.excerpt === "") return null;
  return { ...message, replyTo: { ...message.replyTo, excerpt: "" } };
}
