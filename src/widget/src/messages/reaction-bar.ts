import type { Reaction } from "@orleanschat/client";
import { h } from "../dom";
import { t } from "../i18n/text";

/** The emoji the widget offers to react with (any emoji others gave can be added by clicking its chip). */
export const quickReactions = ["👍", "❤️", "😂", "🎉", "😮", "😢"] as const;

/** Gives (`reacted`) or takes back the user's reaction. */
export type ToggleReaction = (emoji: string, reacted: boolean) => void;

/**
 * A message's reactions as chips, emoji and count, pressed where the user gave it. With `toggle`, each chip is a
 * button that gives or takes back the user's reaction; without (the agent console), they are read-only.
 */
export function renderReactions(reactions: readonly Reaction[] | null | undefined, toggle?: ToggleReaction): HTMLElement | null {
  if (!reactions?.length) return null;
  return h("div", { class: "reactions", role: "group", "aria-label": t("reactions.label") }, ...reactions.map((reaction) => chip(reaction, toggle)));
}

function chip(reaction: Reaction, toggle?: ToggleReaction): HTMLElement {
  const { emoji, count, me } = reaction;
  const content = [h("span", { class: "emoji", "aria-hidden": "true" }, emoji), h("span", { class: "count", "aria-hidden": "true" }, String(count))];
  const said = t(me ? "reactions.countMine" : "reactions.count", { emoji, count });
  if (!toggle) return h("span", { class: "reaction", "data-emoji": emoji, "data-me": String(me), role: "img", "aria-label": said }, ...content);
  const button = h("button", {
    type: "button", class: "reaction", "data-emoji": emoji, "data-key": `reaction:${emoji}`, "aria-pressed": String(me),
    "aria-label": t(me ? "reactions.takeBack" : "reactions.add", { said, emoji }),
  }, ...content);
  button.addEventListener("click", () => toggle(emoji, !me));
  return button;
}

/** The quick reactions to pick from; Escape closes it without picking. */
export function renderReactionPicker(reactions: readonly Reaction[] | null | undefined, toggle: ToggleReaction, close: () => void): HTMLElement {
  const picker = h("div", { class: "reaction-picker", role: "group", "aria-label": t("reactions.pick") }, ...quickReactions.map((emoji) => {
    const mine = reactions?.some((r) => r.emoji === emoji && r.me) ?? false;
    const button = h("button", { type: "button", class: "pick", "data-key": `pick:${emoji}`, "aria-pressed": String(mine), "aria-label": t("reactions.reactWith", { emoji }) }, emoji);
    button.addEventListener("click", () => toggle(emoji, !mine));
    return button;
  }));
  const cancel = h("button", { type: "button", class: "pick-close", "data-key": "pick-close", "aria-label": t("reactions.close") }, "×");
  cancel.addEventListener("click", close);
  picker.append(cancel);
  picker.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    event.stopPropagation();
    close();
  });
  return picker;
}
