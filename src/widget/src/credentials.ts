import { ChatApi } from "./api";
import type { KeyValueStore } from "./outbox";
import type { User, VisitorSession } from "./protocol";

/** Who the widget speaks as, and the token to prove it, renewed when it runs out. */
export interface Credentials {
  readonly user: User;
  token(): Promise<string>;
}

export interface VisitorIdentity {
  displayName?: string;
  userId?: string;
  /** hex HMAC-SHA256(site secret, `${siteId}\n${userId}\n${userHashExpires}`), signed by the site's server. */
  userHash?: string;
  /** When `userHash` stops vouching, in Unix seconds (at most a day ahead). */
  userHashExpires?: number;
}

const renewBeforeMs = 60_000;

/**
 * Support mode: a visitor session of a site, kept in storage so that a reload (or a server restart) resumes the
 * same visitor, token and room. A new identity (`setUser`) opens a new session.
 */
export class VisitorCredentials implements Credentials {
  private constructor(
    private session: VisitorSession,
    private readonly baseUrl: string,
    private readonly siteId: string,
    private readonly identity: VisitorIdentity,
    private readonly store: KeyValueStore,
  ) {}

  static async open(baseUrl: string, siteId: string, identity: VisitorIdentity, store: KeyValueStore): Promise<VisitorCredentials> {
    const key = VisitorCredentials.key(siteId);
    const kept = VisitorCredentials.read(store, key);
    const sameIdentity = kept !== null && (identity.userId === undefined
      ? kept.visitorId.startsWith("v-")
      : kept.visitorId === `u-${identity.userId}`);
    const fresh = kept !== null && sameIdentity && Date.parse(kept.expiresAt) - Date.now() > renewBeforeMs
      && (identity.displayName === undefined || identity.displayName === kept.user.displayName);
    const credentials = new VisitorCredentials(kept ?? ({} as VisitorSession), baseUrl, siteId, identity, store);
    if (!fresh) await credentials.renew(sameIdentity ? kept?.visitorId : undefined);
    return credentials;
  }

  get user(): User {
    return this.session.user;
  }

  get roomId(): string {
    return this.session.roomId;
  }

  async token(): Promise<string> {
    if (Date.parse(this.session.expiresAt) - Date.now() < renewBeforeMs) await this.renew(this.session.visitorId);
    return this.session.accessToken;
  }

  private async renew(visitorId: string | undefined): Promise<void> {
    this.session = await ChatApi.openSession(this.baseUrl, {
      siteId: this.siteId,
      visitorId: this.identity.userId === undefined ? visitorId : undefined,
      ...this.identity,
    });
    try {
      this.store.setItem(VisitorCredentials.key(this.siteId), JSON.stringify(this.session));
    } catch {
      // Storage blocked: the session lasts as long as the page.
    }
  }

  private static key(siteId: string): string {
    return `orleanschat:${siteId}:session`;
  }

  private static read(store: KeyValueStore, key: string): VisitorSession | null {
    try {
      const session = JSON.parse(store.getItem(key) ?? "null") as VisitorSession | null;
      return typeof session?.accessToken === "string" && typeof session.visitorId === "string" && typeof session.roomId === "string"
        ? session
        : null;
    } catch {
      return null;
    }
  }
}

/** Room mode: a token the host application issued to its signed-in user. */
export class TokenCredentials implements Credentials {
  readonly user: User;

  constructor(private readonly accessToken: string) {
    this.user = TokenCredentials.userOf(accessToken);
  }

  token(): Promise<string> {
    return Promise.resolve(this.accessToken);
  }

  /** The user the token names (its `sub`, `name` and `role` claims); the server checks the signature. */
  private static userOf(token: string): User {
    const claims = tokenClaims(token);
    return { userId: claims.sub, displayName: claims.name ?? claims.sub, role: (claims.role ?? "member") as User["role"] };
  }
}

/** A JWT's claims, read without checking the signature (the server does); throws when it is not a JWT. */
export function tokenClaims(token: string): Record<string, string> {
  const payload = token.split(".")[1] ?? "";
  const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
  return JSON.parse(decodeURIComponent(Array.from(json, (c) => "%" + c.charCodeAt(0).toString(16).padStart(2, "0")).join(""))) as
    Record<string, string>;
}
