/** A run of message text: plain, or a web link to render as an anchor. */
export type TextRun = { text: string; href?: undefined } | { text: string; href: string };

const candidate = /\bhttps?:\/\/[^\s<>"']+/gi;
const trailingPunctuation = /[.,;:!?)\]}]+$/;

/**
 * Splits message text into plain runs and links. Only absolute http and https URLs become links; everything is
 * returned as text for the caller to put into text nodes, so nothing in a message is ever parsed as HTML.
 */
export function splitLinks(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let last = 0;
  for (const match of text.matchAll(candidate)) {
    const start = match.index ?? 0;
    let url = match[0];
    const trailing = trailingPunctuation.exec(url);
    if (trailing) url = url.slice(0, url.length - trailing[0].length);
    const href = safeHref(url);
    if (!href) continue;
    if (start > last) runs.push({ text: text.slice(last, start) });
    runs.push({ text: url, href });
    last = start + url.length;
  }
  if (last < text.length) runs.push({ text: text.slice(last) });
  return runs;
}

/** The normalised URL when it is http or https, else null. */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}
