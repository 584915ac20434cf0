import type { VisitorIdentity } from "@orleanschat/client";
import { t } from "./i18n/text";

export interface WidgetOptions {
  /** `support`: a visitor talks to the site's team. `room`: a signed-in user in a group room. */
  mode: "support" | "room";
  /** The chat server's origin; by default the one that served widget.js. */
  server: string;
  /** Support mode: the configured site id (`Chat:Sites:{site}`). */
  site?: string;
  /** Room mode: the room to show, and the host application's token for its user. */
  roomId?: string;
  token?: string;
  /** Support mode: who the visitor is, when the host page knows (see `setUser`). */
  user?: VisitorIdentity;
  title: string;
  /**
   * The language of the widget's own words and of its dates (a BCP 47 tag: `de`, `fr-CA`, `ar`). Without it, the
   * page's `<html lang>`, else the browser's languages; English where none has a catalogue.
   */
  locale?: string;
  greeting?: string;
  /** Any CSS colour; the launcher, header and the user's own messages use it. */
  color?: string;
  position: "right" | "left";
  theme: "light" | "dark" | "auto";
  /** Open the panel at start. */
  open: boolean;
  /** A short beep when a message comes while the visitor is not looking (tab in the background or panel closed). */
  sound: boolean;
  /** Browser notifications for messages that come while the tab is in the background; asked for on first use of the widget. */
  notifications: boolean;
}

/** Options from the script tag's data attributes: `data-site`, `data-mode`, `data-title`, `data-color`, ... */
export function optionsFromScript(script: HTMLScriptElement | null): Partial<WidgetOptions> {
  if (!script) return {};
  const data = script.dataset;
  const options: Partial<WidgetOptions> = {};
  if (script.src) options.server = new URL(script.src, location.href).origin;
  if (data.site) options.site = data.site;
  if (data.mode === "room" || data.mode === "support") options.mode = data.mode;
  if (data.room) options.roomId = data.room;
  if (data.title) options.title = data.title;
  if (data.locale) options.locale = data.locale;
  if (data.greeting) options.greeting = data.greeting;
  if (data.color) options.color = data.color;
  if (data.position === "left" || data.position === "right") options.position = data.position;
  if (data.theme === "light" || data.theme === "dark" || data.theme === "auto") options.theme = data.theme;
  if (data.open !== undefined) options.open = data.open !== "false";
  if (data.sound !== undefined) options.sound = data.sound !== "false";
  if (data.notifications !== undefined) options.notifications = data.notifications !== "false";
  return options;
}

export function withDefaults(options: Partial<WidgetOptions>): WidgetOptions {
  const mode = options.mode ?? (options.roomId && !options.site ? "room" : "support");
  return {
    mode,
    server: location.origin,
    title: mode === "room" ? t("title.room") : t("title.support"),
    position: "right",
    theme: "auto",
    open: false,
    sound: false,
    notifications: false,
    ...stripUndefined(options),
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
