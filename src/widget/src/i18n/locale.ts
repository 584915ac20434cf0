/** The languages with a complete catalogue; English is the fallback. */
export const languages = ["en", "de", "fr", "es", "ar"] as const;
export type Language = (typeof languages)[number];

/** Languages written right to left: the widget mirrors its layout for them. */
const rightToLeft: readonly Language[] = ["ar"];

export interface Locale {
  /** The tag dates and numbers are written in (`de-AT`): the region is kept. */
  tag: string;
  /** The catalogue the strings come from. */
  language: Language;
  dir: "ltr" | "rtl";
}

/**
 * The first candidate (most wanted first: the widget's option, the page's `lang`, the browser's languages) whose
 * language has a catalogue; English when none has.
 */
export function chooseLocale(candidates: readonly (string | null | undefined)[]): Locale {
  for (const candidate of candidates) {
    const tag = candidate?.trim();
    if (!tag) continue;
    const language = tag.split(/[-_]/)[0].toLowerCase();
    if ((languages as readonly string[]).includes(language)) return localeOf(canonical(tag), language as Language);
  }
  return localeOf("en", "en");
}

function localeOf(tag: string, language: Language): Locale {
  return { tag, language, dir: rightToLeft.includes(language) ? "rtl" : "ltr" };
}

/** `de_at` and `de-AT` alike; a tag Intl cannot read falls back to its language alone. */
function canonical(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag.replace(/_/g, "-"))[0];
  } catch {
    return tag.split(/[-_]/)[0].toLowerCase();
  }
}
