/** A refusal from the REST API: the status and the problem details' `detail`. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
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

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
