import type { Attachment, ChatMessage, MessageQuote } from "../protocol.js";

/** The part of `localStorage` the outbox needs. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** A store that lasts as long as the process: for Node, or a page whose storage is blocked. */
export function memoryStore(): KeyValueStore {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

/**
 * `pending`: waiting to be sent or retried by itself. `failed`: refused for good (or too many attempts); it waits
 * for the user to retry.
 */
export type OutboxState = "pending" | "failed";

export interface OutboxItem {
  clientMessageId: string;
  roomId: string;
  text: string;
  createdAt: number;
  state: OutboxState;
  attempts: number;
  error?: string;
  /** The uploaded files the message carries (then `text` may be empty); absent on items without files. */
  fileIds?: string[];
  /** Those files as the server described them, to show while the message waits. */
  attachments?: Attachment[];
  /** The message it answers, as quoted when written (its `seq` goes to the server); absent on other items. */
  replyTo?: MessageQuote;
}

/**
 * Messages written but not yet acknowledged, kept in storage so that they survive a reload, a crash or a night
 * offline. Each has its `clientMessageId` from the moment it is written; retrying with it is safe because the
 * server stores a client message id once. Items leave the outbox when the server acknowledges them, or when
 * the room's log is seen to hold them (an acknowledgement that was lost on the way back).
 */
export class Outbox {
  private items: OutboxItem[];

  constructor(
    private readonly store: KeyValueStore,
    private readonly key: string,
    private readonly maxAttempts = 8,
  ) {
    this.items = Outbox.read(store, key);
  }

  /** A user's outbox, for all their rooms: one instance per page, since each saves the whole list. */
  static forUser(store: KeyValueStore, userId: string): Outbox {
    return new Outbox(store, `orleanschat:outbox:${userId}`);
  }

  /** Items of a room in the order they were written: the order they are sent and shown. */
  list(roomId: string): OutboxItem[] {
    return this.items.filter((item) => item.roomId === roomId);
  }

  add(roomId: string, text: string, clientMessageId: string, now: number, attachments: readonly Attachment[] = [], replyTo?: MessageQuote): OutboxItem {
    const item: OutboxItem = { clientMessageId, roomId, text, createdAt: now, state: "pending", attempts: 0 };
    if (attachments.length > 0) {
      item.fileIds = attachments.map((a) => a.fileId);
      item.attachments = [...attachments];
    }
    if (replyTo) item.replyTo = { ...replyTo };
    this.items.push(item);
    this.save();
    return item;
  }

  /** The oldest pending item of a room: sends go one at a time, in order, so that seq order is writing order. */
  next(roomId: string): OutboxItem | undefined {
    return this.items.find((item) => item.roomId === roomId && item.state === "pending");
  }

  /** The server has it: the item leaves the outbox. */
  acknowledge(clientMessageId: string): boolean {
    const before = this.items.length;
    this.items = this.items.filter((item) => item.clientMessageId !== clientMessageId);
    if (this.items.length === before) return false;
    this.save();
    return true;
  }

  /** Drops the items that the room's log shows as stored; returns whether any was. */
  reconcile(messages: readonly ChatMessage[], senderId: string): boolean {
    const stored = new Set(messages.filter((m) => m.senderId === senderId).map((m) => m.clientMessageId));
    const before = this.items.length;
    this.items = this.items.filter((item) => !stored.has(item.clientMessageId));
    if (this.items.length === before) return false;
    this.save();
    return true;
  }

  /**
   * An attempt failed. A `permanent` refusal (invalid, forbidden) fails the item at once; a transient one (no
   * network, server unavailable) leaves it pending until it has failed `maxAttempts` times.
   */
  attemptFailed(clientMessageId: string, error: string, permanent: boolean): OutboxItem | undefined {
    const item = this.items.find((i) => i.clientMessageId === clientMessageId);
    if (!item) return undefined;
    item.attempts++;
    item.error = error;
    if (permanent || item.attempts >= this.maxAttempts) item.state = "failed";
    this.save();
    return item;
  }

  /** The user asked to retry a failed item: it is pending again, with a fresh count of attempts. */
  retry(clientMessageId: string): boolean {
    const item = this.items.find((i) => i.clientMessageId === clientMessageId && i.state === "failed");
    if (!item) return false;
    item.state = "pending";
    item.attempts = 0;
    delete item.error;
    this.save();
    return true;
  }

  /** The user gave up on an item. */
  discard(clientMessageId: string): boolean {
    return this.acknowledge(clientMessageId);
  }

  private save(): void {
    try {
      this.store.setItem(this.key, JSON.stringify(this.items));
    } catch {
      // Storage full or blocked (private mode): the outbox still works for this page's lifetime.
    }
  }

  private static read(store: KeyValueStore, key: string): OutboxItem[] {
    try {
      const parsed: unknown = JSON.parse(store.getItem(key) ?? "[]");
      return Array.isArray(parsed) ? parsed.filter(Outbox.isItem) : [];
    } catch {
      return [];
    }
  }

  private static isItem(value: unknown): value is OutboxItem {
    const item = value as Partial<OutboxItem> | null;
    return typeof item?.clientMessageId === "string" && typeof item.roomId === "string" && typeof item.text === "string"
      && (item.state === "pending" || item.state === "failed") && typeof item.attempts === "number"
      // Items stored before attachments have neither field.
      && (item.fileIds === undefined || (Array.isArray(item.fileIds) && item.fileIds.every((id) => typeof id === "string")))
      && (item.attachments === undefined || Array.isArray(item.attachments))
      // Items stored before replies have no quote.
      && (item.replyTo === undefined || typeof item.replyTo?.seq === "number");
  }
}
