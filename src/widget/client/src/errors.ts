/**
 * A refusal from the REST API: the status and the problem details' `detail`, with `Retry-After` when the server
 * said when to come back. Status 0: no answer at all (network down, timed out).
 */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly retryAfter: string | null = null) {
    super(message);
  }
}

/** What a problem details body says went wrong: its `detail`, else its `title`; null when it is not one. */
export function problemDetail(body: string): string | null {
  try {
    const problem = JSON.parse(body) as { detail?: unknown; title?: unknown } | null;
    const said = problem?.detail ?? problem?.title;
    return typeof said === "string" ? said : null;
  } catch {
    return null;
  }
}

const hubMarker = "HubException: ";

/**
 * The protocol's error word of a failed hub call (`invalid`, `forbidden`, ...), read after "HubException: " as
 * SignalR words it, or null for failures that are not the server's refusal (no connection, timeouts).
 */
export function hubErrorWord(error: unknown): string | null {
  const message = error instanceof Error ? error.message : String(error);
  const at = message.indexOf(hubMarker);
  if (at < 0) return null;
  const rest = message.slice(at + hubMarker.length);
  const colon = rest.indexOf(":");
  return colon > 0 ? rest.slice(0, colon) : null;
}

/** Whether retrying the same request can never succeed: the server refused its content or the caller's right. */
export function isPermanentFailure(error: unknown): boolean {
  if (error instanceof ApiError) return [400, 403, 404, 409, 413].includes(error.status);
  const word = hubErrorWord(error);
  return word !== null && word !== "unavailable" && word !== "rate-limited";
}

/**
 * Whether a hub call was refused for good by the server itself (its `HubException` word, which nothing between can
 * make up, unlike a proxy's `403`): `forbidden` (removed, banned), `not-found` or `invalid`.
 */
export function isRefusedByServer(error: unknown): boolean {
  const word = hubErrorWord(error);
  return word === "forbidden" || word === "not-found" || word === "invalid";
}

/** Whether a hub call named a method the server does not have: one of a release before it (SignalR's own words). */
export function isUnknownMethod(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return message.endsWith(`${hubMarker}Method does not exist.`);
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
