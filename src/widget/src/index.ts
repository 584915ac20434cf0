import type { VisitorIdentity } from "@orleanschat/client";
import { optionsFromScript, withDefaults, type WidgetOptions } from "./options";
import { Widget, type WidgetEvents } from "./widget";

/**
 * The page-facing API, `window.OrleansChat`. The script starts a support-mode widget by itself when its tag has
 * `data-site`; `init` (re)starts it with more options (room mode needs `init` with a room and a token).
 */
export interface OrleansChatApi {
  init(options?: Partial<WidgetOptions>): void;
  open(): void;
  close(): void;
  on<K extends keyof WidgetEvents>(event: K, handler: (value: WidgetEvents[K]) => void): () => void;
  /** Support mode: who the visitor is (`userHash` where the site verifies identity); room mode: `{ token }`. */
  setUser(user: VisitorIdentity & { token?: string }): void;
}

const fromScript = optionsFromScript(document.currentScript as HTMLScriptElement | null);
let current: Partial<WidgetOptions> = fromScript;
let widget: Widget | null = null;
type Subscription = { event: keyof WidgetEvents; handler: (value: WidgetEvents[keyof WidgetEvents]) => void };
const handlers: Subscription[] = [];

function start(options: Partial<WidgetOptions>): void {
  current = options;
  void widget?.destroy();
  widget = new Widget(withDefaults(options));
  for (const { event, handler } of handlers) widget.events.on(event, handler);
}

const api: OrleansChatApi = {
  init: (options = {}) => whenReady(() => start({ ...fromScript, ...options })),
  open: () => widget?.open(),
  close: () => widget?.close(),
  on(event, handler) {
    const entry = { event, handler } as Subscription;
    handlers.push(entry);
    const off = widget?.events.on(event, handler);
    return () => {
      handlers.splice(handlers.indexOf(entry), 1);
      off?.();
    };
  },
  setUser: ({ token, ...user }) => whenReady(() => start(token ? { ...current, token } : { ...current, user })),
};

function whenReady(action: () => void): void {
  if (document.body) action();
  else document.addEventListener("DOMContentLoaded", action, { once: true });
}

(window as unknown as { OrleansChat: OrleansChatApi }).OrleansChat = api;
if (fromScript.site) whenReady(() => start(fromScript));
