/**
 * Random client ids. `crypto.randomUUID` exists only on secure pages, and the widget also runs on plain-http
 * sites, so the ids are built from `getRandomValues`, which exists everywhere.
 */
function randomHex(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A message's id from the moment it is written: retried sends with it are stored once. */
export function newClientMessageId(): string {
  return "w-" + randomHex();
}

/** A file's id from the moment it is chosen: retried uploads with it are stored once. */
export function newClientFileId(): string {
  return "f-" + randomHex();
}
