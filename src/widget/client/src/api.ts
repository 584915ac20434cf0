import { ApiError, problemDetail } from "./errors.js";
import type { Attachment, CannedResponse, ChangePage, ChatMessage, FileLink, MessagePage, Room, SupportAgent, SupportAvailability, SupportConversation, SupportNote, VisitorSession } from "./protocol.js";
import type { SupportProfile, SupportRating, SupportRecordPage, SupportReport } from "./support/support-records.js";
import { uploadFile } from "./uploads/upload-file.js";

export interface SessionRequest {
  siteId: string;
  visitorId?: string;
  displayName?: string;
  userId?: string;
  userHash?: string;
  userHashExpires?: number;
}

/** A request that gets no answer in this time fails, so a half-open connection cannot stall the outbox. */
const requestTimeoutMs = 15_000;

export interface HistoryQuery {
  before?: number;
  after?: number;
  limit?: number;
}

/** The REST half of the protocol that the widget and the agent console use: sessions, history, sends when the hub is down, support. */
export class ChatApi {
  constructor(readonly baseUrl: string, private readonly token: () => Promise<string>) {}

  static async openSession(baseUrl: string, request: SessionRequest): Promise<VisitorSession> {
    return ChatApi.json<VisitorSession>(await fetch(`${baseUrl}/api/widget/sessions`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(requestTimeoutMs),
    }));
  }

  /** `POST /api/auth/refresh`: the same identity in a fresh token, while the sign-in lasts. */
  static async renewToken(baseUrl: string, token: string): Promise<{ accessToken: string }> {
    return ChatApi.json<{ accessToken: string }>(await fetch(`${baseUrl}/api/auth/refresh`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(requestTimeoutMs),
    }));
  }

  async history(roomId: string, query: HistoryQuery): Promise<MessagePage> {
    const parameters = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) parameters.set(name, String(value));
    }
    return ChatApi.json<MessagePage>(await this.call(`/api/rooms/${encodeURIComponent(roomId)}/messages?${parameters}`));
  }

  /** A room with its members (`GET /api/rooms/{roomId}`). */
  async room(roomId: string): Promise<Room> {
    return ChatApi.json<Room>(await this.call(`/api/rooms/${encodeURIComponent(roomId)}`));
  }

  /** Sends over REST: `201` stores it, `200` says it was stored before; both return the message. `replyTo`: the seq it answers. */
  async send(roomId: string, clientMessageId: string, text: string, fileIds?: readonly string[], replyTo?: number): Promise<ChatMessage> {
    return this.post<ChatMessage>(`/api/rooms/${encodeURIComponent(roomId)}/messages`, { clientMessageId, text, fileIds, replyTo });
  }

  /** Edits the caller's own message: the message as it now is. */
  async edit(roomId: string, seq: number, text: string): Promise<ChatMessage> {
    return this.post<ChatMessage>(messagePath(roomId, seq), { text }, "PUT");
  }

  /** Deletes a message, leaving a tombstone: the message as it now is. */
  async delete(roomId: string, seq: number): Promise<ChatMessage> {
    return this.post<ChatMessage>(messagePath(roomId, seq), undefined, "DELETE");
  }

  /** Gives or takes back the caller's reaction: the message as it now is. */
  async react(roomId: string, seq: number, emoji: string, reacted: boolean): Promise<ChatMessage> {
    return this.post<ChatMessage>(`${messagePath(roomId, seq)}/reactions/${encodeURIComponent(emoji)}`, undefined, reacted ? "PUT" : "DELETE");
  }

  /** The room's changes to its messages after a change seq, in order. */
  async changes(roomId: string, after: number): Promise<ChangePage> {
    return ChatApi.json<ChangePage>(await this.call(`/api/rooms/${encodeURIComponent(roomId)}/changes?after=${after}`));
  }

  /** Uploads a file for a message to come (`201`, or `200` when this clientFileId was stored before). */
  async upload(roomId: string, file: File, clientFileId: string, onProgress: (loaded: number) => void, signal: AbortSignal): Promise<Attachment> {
    return uploadFile(`${this.baseUrl}/api/rooms/${encodeURIComponent(roomId)}/files`, await this.token(), file, clientFileId, onProgress, signal);
  }

  /** A signed link to a file (and its thumbnail) that works without a token for a while. */
  async fileLink(roomId: string, fileId: string): Promise<FileLink> {
    return ChatApi.json<FileLink>(await this.call(`/api/rooms/${encodeURIComponent(roomId)}/files/${encodeURIComponent(fileId)}/link`));
  }

  /** A visitor opens their conversation, or resumes it (the page tells the agents where the visitor is). */
  async openConversation(siteId: string, page: string): Promise<SupportConversation> {
    return this.post<SupportConversation>("/api/support/conversations", { siteId, page });
  }

  async handOff(conversationId: string): Promise<SupportConversation> {
    return this.post<SupportConversation>(`/api/support/conversations/${encodeURIComponent(conversationId)}/handoff`);
  }

  /** Whether a person can answer the site's visitors now, or when the team is back. */
  async availability(siteId: string): Promise<SupportAvailability> {
    return ChatApi.json<SupportAvailability>(await this.call(`/api/support/availability?siteId=${encodeURIComponent(siteId)}`));
  }

  /** The visitor leaves the address to be answered at while away, and whether to get the transcript. */
  async leaveEmail(conversationId: string, email: string, transcript: boolean): Promise<SupportConversation> {
    return this.post<SupportConversation>(`/api/support/conversations/${encodeURIComponent(conversationId)}/email`, { email, transcript }, "PUT");
  }

  /** The address the calling agent is alerted at of conversations waiting while no agent is online (null: none). */
  async alertEmail(siteId: string): Promise<string | null> {
    return (await ChatApi.json<{ email?: string | null }>(await this.call(`/api/support/agents/me/email?siteId=${encodeURIComponent(siteId)}`))).email ?? null;
  }

  async setAlertEmail(siteId: string, email: string | null): Promise<void> {
    await this.post<unknown>(`/api/support/agents/me/email?siteId=${encodeURIComponent(siteId)}`, { email }, "PUT");
  }

  /** An agent takes the conversation, or gives it to `agentId`. */
  async assign(conversationId: string, agentId?: string): Promise<SupportConversation> {
    return this.post<SupportConversation>(`/api/support/conversations/${encodeURIComponent(conversationId)}/assign`, { agentId });
  }

  async resolve(conversationId: string): Promise<SupportConversation> {
    return this.post<SupportConversation>(`/api/support/conversations/${encodeURIComponent(conversationId)}/resolve`);
  }

  async queue(siteId: string): Promise<SupportConversation[]> {
    return ChatApi.json<SupportConversation[]>(await this.call(`/api/support/queue?siteId=${encodeURIComponent(siteId)}`));
  }

  async agents(siteId: string): Promise<SupportAgent[]> {
    return ChatApi.json<SupportAgent[]>(await this.call(`/api/support/agents?siteId=${encodeURIComponent(siteId)}`));
  }

  /** A conversation's private notes, oldest first (agents of its site only). */
  async notes(conversationId: string): Promise<SupportNote[]> {
    return ChatApi.json<SupportNote[]>(await this.call(`/api/support/conversations/${encodeURIComponent(conversationId)}/notes`));
  }

  async addNote(conversationId: string, text: string): Promise<SupportNote> {
    return this.post<SupportNote>(`/api/support/conversations/${encodeURIComponent(conversationId)}/notes`, { text });
  }

  async cannedResponses(siteId: string): Promise<CannedResponse[]> {
    return ChatApi.json<CannedResponse[]>(await this.call(`/api/support/canned-responses?siteId=${encodeURIComponent(siteId)}`));
  }

  /** The site's conversations, open and resolved, as `query` (siteId, status, label, q, from, to, before, limit) narrows them. */
  async conversations(query: URLSearchParams): Promise<SupportRecordPage> {
    return ChatApi.json<SupportRecordPage>(await this.call(`/api/support/conversations?${query}`));
  }

  /** An agent takes a resolved conversation up again. */
  async reopen(conversationId: string): Promise<SupportConversation> {
    return this.post<SupportConversation>(`${conversationPath(conversationId)}/reopen`);
  }

  async label(conversationId: string, label: string, add: boolean): Promise<SupportConversation> {
    return add
      ? this.post<SupportConversation>(`${conversationPath(conversationId)}/labels`, { label })
      : this.post<SupportConversation>(`${conversationPath(conversationId)}/labels/${encodeURIComponent(label)}`, undefined, "DELETE");
  }

  async profile(conversationId: string): Promise<SupportProfile> {
    return ChatApi.json<SupportProfile>(await this.call(`${conversationPath(conversationId)}/profile`));
  }

  /** The visitor rates their resolved conversation, once. */
  async rate(conversationId: string, score: number, comment: string | null): Promise<SupportRating> {
    return this.post<SupportRating>(`${conversationPath(conversationId)}/rating`, { score, comment });
  }

  /** Conversations resolved from `from` to `to` (ISO times; the last 30 days when absent), for the site and per agent. */
  async report(siteId: string, from?: string, to?: string): Promise<SupportReport> {
    const query = new URLSearchParams({ siteId, ...(from ? { from } : {}), ...(to ? { to } : {}) });
    return ChatApi.json<SupportReport>(await this.call(`/api/support/reports?${query}`));
  }

  private async post<T>(path: string, body?: unknown, method = "POST"): Promise<T> {
    return ChatApi.json<T>(await this.call(path, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }));
  }

  private async call(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("Authorization", `Bearer ${await this.token()}`);
    return fetch(this.baseUrl + path, { ...init, headers, signal: AbortSignal.timeout(requestTimeoutMs) });
  }

  private static async json<T>(response: Response): Promise<T> {
    if (response.ok) return (await response.json()) as T;
    const body = await response.text().catch(() => "");
    throw new ApiError(response.status, problemDetail(body) ?? response.statusText, response.headers.get("Retry-After"));
  }
}

function messagePath(roomId: string, seq: number): string {
  return `/api/rooms/${encodeURIComponent(roomId)}/messages/${seq}`;
}

function conversationPath(conversationId: string): string {
  return `/api/support/conversations/${encodeURIComponent(conversationId)}`;
}
