import type { ChatApi } from "../api.js";
import type { SupportChanged, SupportStatus } from "../protocol.js";

/** Where a visitor's conversation stands: `position` while waiting (1: next), `agentId` once a person has it. */
export interface SupportState {
  status: SupportStatus;
  position: number | null;
  agentId: string | null;
}

/**
 * The visitor's side of their support conversation: its status, kept current by `SupportChanged`, and the way to
 * a human. The conversation's id is the visitor's support room's.
 */
export class VisitorConversation {
  /** Null until the visitor has written: a conversation begins with their first message. */
  state: SupportState | null = null;
  /** The newest revision shown: an older change or answer that arrives late is dropped. */
  private revision = -1;

  constructor(
    private readonly api: ChatApi,
    private readonly siteId: string,
    readonly conversationId: string,
    private readonly changed: (state: SupportState) => void,
  ) {}

  /**
   * Opens or resumes the conversation, telling the agents which page the visitor is on (without its query, which
   * may hold what the visitor would not share). Called on every (re)connect: changes may have been missed meanwhile.
   */
  async refresh(): Promise<void> {
    this.apply(await this.api.openConversation(this.siteId, location.origin + location.pathname));
  }

  async handOff(): Promise<void> {
    this.apply(await this.api.handOff(this.conversationId));
  }

  async rate(score: number, comment: string | null): Promise<void> {
    await this.api.rate(this.conversationId, score, comment);
  }

  /** A live `SupportChanged`, or an answer of the REST API: whichever is newest wins. */
  apply(change: SupportChanged): void {
    if (change.conversationId !== this.conversationId || change.revision < this.revision) return;
    this.revision = change.revision;
    this.state = { status: change.status, position: change.position ?? null, agentId: change.agentId ?? null };
    this.changed(this.state);
  }
}
