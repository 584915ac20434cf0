/**
 * Whether the device has a network, and word when that changes: a client offline does not spend its retries, and
 * one back online reconnects at once instead of waiting out its backoff.
 */
export interface Network {
  readonly online: boolean;
  /** Calls `changed` whenever the network comes or goes; returns what stops it. */
  watch(changed: (online: boolean) => void): () => void;
}

/** The browser's view (`navigator.onLine` and the window's `online`/`offline` events); elsewhere, always online. */
export const deviceNetwork: Network = {
  get online() {
    return typeof navigator === "undefined" || typeof navigator.onLine !== "boolean" || navigator.onLine;
  },
  watch(changed) {
    if (typeof window === "undefined" || typeof window.addEventListener !== "function") return () => undefined;
    const online = () => changed(true);
    const offline = () => changed(false);
    window.addEventListener("online", online);
    window.addEventListener("offline", offline);
    return () => {
      window.removeEventListener("online", online);
      window.removeEventListener("offline", offline);
    };
  },
};
