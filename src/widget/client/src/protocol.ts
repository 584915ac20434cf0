// The shapes of OrleansChat's public protocol (version 1) that the widget uses, as the server sends them.

export type Role = "member" | "agent" | "admin" | "visitor";
export type PresenceStatus = "online" | "away" | "offline";

export interface User {
  userId: string;
  displayName: string;
  role: Role;
}

export interface Member {
  userId: string;
  displayName: string;
  role: string;
  status: PresenceStatus;
  readSeq: number;
}

export interface Room {
  roomId: string;
  name: string;
  kind: "group" | "direct" | "support";
  visibility: "public" | "private";
  createdAt: string;
  lastSeq: number;
  /** With `GET /api/rooms/{roomId}`. */
  members?: Member[];
}

export interface ChatMessage {
  roomId: string;
  seq: number;
  messageId: string;
  clientMessageId: string;
  senderId: string;
  senderName: string;
  kind: "text" | "system" | "assistant";
  text: string;
  sentAt: string;
  /**
   * The message log's epoch that `seq` counts in: a server that restored a backup begins a new one and hands out
   * seqs again. Absent from servers before epochs.
   */
  epoch?: number;
  /** The files the message carries; its text may then be empty. Absent when it carries none. */
  attachments?: Attachment[];
  /** The earlier message this one answers, as it was then. */
  replyTo?: MessageQuote | null;
  /** When it was last edited; absent when never. */
  editedAt?: string | null;
  /** When it was deleted: it is then a tombstone (no text, files, reactions or quote). */
  deletedAt?: string | null;
  /** The room's number of its latest change (0 or absent: never changed). */
  changeSeq?: number;
  /** Each emoji given, in the order first given, with whether the reader gave it. */
  reactions?: Reaction[] | null;
}

/** The message a reply answers: `excerpt` is empty once that message is deleted. */
export interface MessageQuote {
  seq: number;
  senderId: string;
  senderName: string;
  excerpt: string;
}

export interface Reaction {
  emoji: string;
  count: number;
  /** Whether the reader gave it. */
  me: boolean;
}

export type ChangeKind = "edited" | "deleted" | "reaction";

/**
 * One change to a stored message, numbered in the room's order of changes (`changeSeq`: 1, 2, 3, ... per room).
 * It says the result, not a difference: `text` (edited), `emoji` now counts `count`, and `reacted` is whether
 * `userId` gave it (reaction).
 */
export interface MessageChange {
  roomId: string;
  changeSeq: number;
  seq: number;
  kind: ChangeKind;
  userId: string;
  at: string;
  text?: string | null;
  emoji?: string | null;
  reacted?: boolean | null;
  count?: number | null;
  /**
   * Pushed to connections that asked for `coalesced-changes`: the change before this one in the push, when the
   * room's changes in between were reactions whose results this change and the rest of the push hold.
   */
  follows?: number | null;
}

/** The changes after a change seq, ascending; with `hasMore`, ask again after the last one. */
export interface ChangePage {
  changes: MessageChange[];
  hasMore: boolean;
  lastChange: number;
}

/** An image's size in pixels. */
export interface ImageSize {
  width: number;
  height: number;
}

/**
 * A file in a room, uploaded by a member and then carried by a message. `width` and `height` come with images
 * (as shown), `thumbnail` with images that have a preview; absent fields are left out.
 */
export interface Attachment {
  fileId: string;
  fileName: string;
  contentType: string;
  size: number;
  width?: number;
  height?: number;
  thumbnail?: ImageSize;
}

/**
 * `GET .../files/{fileId}/link`: paths, relative to the server's base URL, that work without a token until
 * `expiresAt` (for `<img src>` and `<a href>`, which cannot send one).
 */
export interface FileLink {
  url: string;
  thumbnailUrl?: string;
  expiresAt: string;
}

export interface MessageAck {
  roomId: string;
  seq: number;
  messageId: string;
  sentAt: string;
  duplicate: boolean;
  /** As in `ChatMessage`. */
  epoch?: number;
}

export interface RoomSnapshot {
  room: Room;
  members: Member[];
  messages: ChatMessage[];
  lastSeq: number;
  readSeq: number;
  hasMore: boolean;
  /** The epoch of its seqs, as in `ChatMessage`. */
  epoch?: number;
  /** Where the room's history begins: the messages below it were archived. */
  firstSeq?: number;
  /** The room's latest change: its messages hold every change up to it. Absent from servers before changes. */
  lastChange?: number;
  /** Changes pushed to the connection's node before it listened: apply them, then the cursor is `lastChange`. */
  changes?: MessageChange[] | null;
  /** How many members the room has; past the server's `Chat:Rooms:MemberEventsUpTo`, `members` holds only you. */
  memberCount?: number | null;
}

export interface MessagePage {
  messages: ChatMessage[];
  hasMore: boolean;
  lastSeq: number;
  /** The epoch of its seqs, as in `ChatMessage`. */
  epoch?: number;
  /** Where the room's history begins: the messages below it were archived. */
  firstSeq?: number;
}

export interface VisitorSession {
  accessToken: string;
  expiresAt: string;
  visitorId: string;
  user: User;
  /** The visitor's support room (an extension of the protocol's session shape). */
  roomId: string;
}

export interface TypingChanged {
  roomId: string;
  userId: string;
  displayName: string;
  isTyping: boolean;
}

export interface PresenceChanged {
  userId: string;
  status: PresenceStatus;
}

export interface MemberJoined {
  roomId: string;
  member: Member;
}

export interface MemberLeft {
  roomId: string;
  userId: string;
}

/** To the connections of a user who is out of the room (left, here or elsewhere, or was removed). */
export interface RoomLeft {
  roomId: string;
}

export interface ReadReceipt {
  roomId: string;
  userId: string;
  seq: number;
}

export interface AssistantDelta {
  roomId: string;
  streamId: string;
  text: string;
  /** The piece's place in its answer, from 0; pieces arrive in this order. */
  index?: number;
}

export type SupportStatus = "bot" | "waiting" | "assigned" | "resolved";

/**
 * `position`: while waiting, the place in the queue (1: next). Changes may arrive out of order: the higher
 * `revision` is the newer.
 */
export interface SupportChanged {
  conversationId: string;
  roomId: string;
  status: SupportStatus;
  agentId?: string | null;
  position?: number | null;
  revision: number;
}

/** A support conversation as the REST API returns it. */
export interface SupportConversation extends SupportChanged {
  visitorId: string;
  visitorName: string;
  topic?: string | null;
  page?: string | null;
  createdAt: string;
  statusSince: string;
  /** What agents tagged it with. */
  labels?: string[];
  /** Where the visitor asked to be answered while away, and whether they want the transcript on resolution. */
  visitorEmail?: string | null;
  wantsTranscript?: boolean;
}

/** An agent's private note in a support conversation: the site's agents see it, the visitor never does. */
export interface SupportNote {
  noteId: string;
  conversationId: string;
  authorId: string;
  authorName: string;
  text: string;
  createdAt: string;
}

/** A reply the site's agents keep at hand, inserted in the console by typing `/shortcut`. */
export interface CannedResponse {
  responseId: string;
  shortcut: string;
  text: string;
  updatedAt: string;
}

/**
 * Whether a person can answer now (within the site's hours and an agent online); else `backAt`, the next opening
 * when out of hours, and whether the desk takes an e-mail address (`emailCapture`).
 */
export interface SupportAvailability {
  available: boolean;
  withinHours: boolean;
  agentsOnline: boolean;
  backAt?: string | null;
  timeZone?: string | null;
  emailCapture: boolean;
}

/** One of a desk's agents: `available` while online, `conversations` assigned now. */
export interface SupportAgent {
  agentId: string;
  displayName: string;
  available: boolean;
  conversations: number;
}
