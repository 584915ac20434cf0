import type { CannedResponse } from "@orleanschat/client";

/** The `/word` being typed: where it starts in the composer's text, and the word after the slash. */
export interface ShortcutToken {
  start: number;
  end: number;
  prefix: string;
}

/** At most this many suggestions show at once. */
const maxSuggestions = 8;

/**
 * The `/shortcut` the caret is in, if any: a slash at the start of the text or after a space or line break,
 * followed by what a shortcut may hold, up to the caret. `/` alone counts (it lists every response).
 */
export function shortcutAt(text: string, caret: number): ShortcutToken | null {
  let start = caret;
  while (start > 0 && /[a-z0-9_-]/.test(text[start - 1])) start--;
  if (start === 0 || text[start - 1] !== "/") return null;
  const slash = start - 1;
  if (slash > 0 && !/\s/.test(text[slash - 1])) return null;
  return { start: slash, end: caret, prefix: text.slice(start, caret) };
}

/** The responses whose shortcut begins with the prefix, the exact one first, then by shortcut. */
export function suggestionsFor(responses: readonly CannedResponse[], prefix: string): CannedResponse[] {
  return responses
    .filter((r) => r.shortcut.startsWith(prefix))
    .sort((a, b) => (a.shortcut === prefix ? -1 : b.shortcut === prefix ? 1 : a.shortcut.localeCompare(b.shortcut)))
    .slice(0, maxSuggestions);
}

/** The text with the token replaced by the response's text, and where the caret goes: just after it. */
export function expand(text: string, token: ShortcutToken, response: CannedResponse): { text: string; caret: number } {
  const before = text.slice(0, token.start);
  return { text: before + response.text + text.slice(token.end), caret: before.length + response.text.length };
}
