import { ApiError } from "../errors";
import { tokenClaims } from "../credentials";

/** A signed-in agent: their token, and the site whose desk they work (the token's `site` claim). */
export interface AgentSession {
  token: string;
  siteId: string;
  userId: string;
  displayName: string;
}

const storageKey = "orleanschat:agent:token";

/**
 * The agent's token. A host application signs its agents in itself and opens `/agent#token=...`; the token is
 * kept for this tab only. Where the server has development login on, the page's form signs in by name.
 */
export function keptSession(): AgentSession | null {
  const fromLink = new URLSearchParams(location.hash.slice(1)).get("token");
  if (fromLink) {
    // Out of the address bar and history, where it could be copied from.
    history.replaceState(null, "", location.pathname + location.search);
    sessionStorage.setItem(storageKey, fromLink);
  }
  const token = sessionStorage.getItem(storageKey);
  const session = token ? sessionOf(token) : null;
  if (!session) sessionStorage.removeItem(storageKey);
  return session;
}

/** Signs in through `POST /api/auth/token` as an agent of the site. */
export async function devSignIn(baseUrl: string, siteId: string, userId: string, displayName: string): Promise<AgentSession> {
  const response = await fetch(`${baseUrl}/api/auth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ userId, displayName, role: "agent", siteId }),
  });
  if (response.status === 404) {
    throw new ApiError(404, "Sign-in by name is off on this server: open /agent#token=... with an agent token from your application.");
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { detail?: string; errors?: Record<string, string[]> };
    throw new ApiError(response.status, Object.values(problem.errors ?? {}).flat().join(" ") || problem.detail || response.statusText);
  }
  const token = ((await response.json()) as { accessToken: string }).accessToken;
  const session = sessionOf(token);
  if (!session) throw new ApiError(400, "The server's token does not name a site.");
  keepToken(token);
  return session;
}

/** A renewed token, for a reload of this tab. */
export function keepToken(token: string): void {
  sessionStorage.setItem(storageKey, token);
}

export function signOut(): void {
  sessionStorage.removeItem(storageKey);
}

/** The session a token describes, or null when it is not an unexpired agent token of a site. */
function sessionOf(token: string): AgentSession | null {
  try {
    const claims = tokenClaims(token) as Record<string, string | number | undefined>;
    const expired = typeof claims.exp === "number" && claims.exp * 1000 < Date.now();
    const isAgent = claims.role === "agent" || claims.role === "admin";
    if (expired || !isAgent || typeof claims.site !== "string" || typeof claims.sub !== "string") return null;
    return { token, siteId: claims.site, userId: claims.sub, displayName: String(claims.name ?? claims.sub) };
  } catch {
    return null;
  }
}
