import type { ChatMessage } from "../src/protocol";

/** A message of room `r` with the given seq, sent by `sender`. */
export function message(seq: number, sender = "alice", clientMessageId = `c-${seq}`): ChatMessage {
  return {
    roomId: "r", seq, messageId: `m-${seq}`, clientMessageId, senderId: sender, senderName: sender, kind: "text",
    text: `message ${seq}`, sentAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
  };
}

export const seqs = (messages: readonly ChatMessage[]) => messages.map((m) => m.seq);
