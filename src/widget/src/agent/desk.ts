import {
  ChatApi, Emitter, LiveConnection,
  type CannedResponse, type ConnectionState, type Credentials, type SupportAgent, type SupportChanged, type SupportConversation, type SupportNote,
} from "@orleanschat/client";
import type { AgentSession } from "./sign-in";

export interface DeskEvents {
  [name: string]: unknown;
  /** The conversations changed: statuses, assignments, new arrivals. */
  conversations: void;
  agents: SupportAgent[];
  /** A private note written in one of the desk's conversations, told to the site's agents only. */
  note: SupportNote;
  state: ConnectionState;
}

/** Many changes at once (an agent comes online and takes three) make one reload. */
const reloadDelayMs = 150;

/**
 * A site's support desk as an agent sees it: the conversations waiting and assigned (from `GET /api/support/queue`,
 * kept current by `SupportChanged`), the desk's agents, and the agent's own availability. A conversation that
 * leaves the queue stays known as resolved, so that the one on screen can say so.
 */
export class Desk extends Emitter<DeskEvents> {
  readonly api: ChatApi;
  readonly conversations = new Map<string, SupportConversation>();
  agents: SupportAgent[] = [];
  private readonly connection: LiveConnection;
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;
  /** As the agent chose it: told again after a reconnect, since a user with no connection left comes back online. */
  private status: "online" | "away" = "online";

  constructor(baseUrl: string, readonly session: AgentSession, credentials: Credentials) {
    super();
    this.api = new ChatApi(baseUrl, () => credentials.token());
    // An agent's connection hears every change on its site's desk; after each (re)connect the desk is read again.
    this.connection = new LiveConnection(`${baseUrl}/hubs/chat`, () => credentials.token(), {
      joined: () => this.connected(), state: (state) => this.emit("state", state),
    });
    this.connection.hub.on("SupportChanged", (change: SupportChanged) => this.apply(change));
    this.connection.hub.on("SupportNoteAdded", (note: SupportNote) => this.emit("note", note));
  }

  start(): Promise<void> {
    return this.connection.start();
  }

  stop(): Promise<void> {
    return this.connection.stop();
  }

  /** `online` takes new conversations; `away` keeps the ones held and takes no more. */
  async setStatus(status: "online" | "away"): Promise<void> {
    this.status = status;
    await this.connection.hub.invoke("SetStatus", status);
    this.scheduleReload();
  }

  async take(conversationId: string): Promise<void> {
    this.remember(await this.api.assign(conversationId));
  }

  async transfer(conversationId: string, agentId: string): Promise<void> {
    this.remember(await this.api.assign(conversationId, agentId));
  }

  async resolve(conversationId: string): Promise<void> {
    this.remember(await this.api.resolve(conversationId));
  }

  /** A private note; also told back to every console of the site's agents (this one included) as `note`. */
  async addNote(conversationId: string, text: string): Promise<void> {
    this.emit("note", await this.api.addNote(conversationId, text));
  }

  notes(conversationId: string): Promise<SupportNote[]> {
    return this.api.notes(conversationId);
  }

  cannedResponses(): Promise<CannedResponse[]> {
    return this.api.cannedResponses(this.session.siteId);
  }

  /** A conversation found in the archive, shown as it is there until the desk tells a newer state. */
  know(conversation: SupportConversation): void {
    this.keepNewer(conversation);
    this.emit("conversations", undefined);
  }

  /** Takes a resolved conversation up again: it is the agent's. */
  async reopen(conversationId: string): Promise<void> {
    this.remember(await this.api.reopen(conversationId));
  }

  async label(conversationId: string, label: string, add: boolean): Promise<void> {
    this.remember(await this.api.label(conversationId, label, add));
  }

  private async connected(): Promise<void> {
    if (this.status === "away") await this.connection.hub.invoke("SetStatus", "away");
    await this.reload();
  }

  /**
   * A live change: applied at once unless a newer one is in (changes may overtake each other), then the queue is
   * read again for the details only it has (a new visitor's page).
   */
  private apply(change: SupportChanged): void {
    const known = this.conversations.get(change.conversationId);
    if (known && change.revision >= known.revision) {
      const statusSince = change.status === known.status ? known.statusSince : new Date().toISOString();
      this.conversations.set(change.conversationId, { ...known, ...change, statusSince });
      this.emit("conversations", undefined);
    }
    this.scheduleReload();
  }

  private remember(conversation: SupportConversation): void {
    this.keepNewer(conversation);
    this.emit("conversations", undefined);
    this.scheduleReload();
  }

  private scheduleReload(): void {
    if (this.reloadTimer !== null) return;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = null;
      void this.reload().catch(() => undefined);
    }, reloadDelayMs);
  }

  private async reload(): Promise<void> {
    const [queue, agents] = await Promise.all([this.api.queue(this.session.siteId), this.api.agents(this.session.siteId)]);
    const current = new Set(queue.map((c) => c.conversationId));
    // Gone from the queue: resolved, unless the desk said otherwise (back with the assistant) or a newer change
    // comes (the next reload, which every change schedules, settles it).
    for (const [id, conversation] of this.conversations) {
      const queued = conversation.status === "waiting" || conversation.status === "assigned";
      if (!current.has(id) && queued) this.conversations.set(id, { ...conversation, status: "resolved", position: null });
    }
    for (const conversation of queue) this.keepNewer(conversation);
    this.agents = agents;
    this.emit("conversations", undefined);
    this.emit("agents", agents);
  }

  private keepNewer(conversation: SupportConversation): void {
    const known = this.conversations.get(conversation.conversationId);
    if (!known || conversation.revision >= known.revision) this.conversations.set(conversation.conversationId, conversation);
  }
}
