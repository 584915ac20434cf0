/**
 * A random client message id. `crypto.randomUUID` exists only on secure pages, and the widget also runs on
 * plain-http sites, so the id is built from `getRandomValues`, which exists everywhere.
 */
export function newClientMessageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return "w-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
