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
 * language has a catalogue; English when none has. A bare language (`en`, from a page) takes its region from a
 * later candidate of the same language (the browser's `en-GB`): dates are then written as the visitor writes them.
 */
export function chooseLocale(candidates: readonly (string | null | undefined)[]): Locale {
  const tags = candidates.map((candidate) => candidate?.trim()).filter((tag): tag is string => Boolean(tag)).map(canonical);
  for (const [index, tag] of tags.entries()) {
    const language = languageOf(tag);
    if (!(languages as readonly string[]).includes(language)) continue;
    const regional = tag === language ? tags.slice(index + 1).find((later) => languageOf(later) === language && later !== language) : undefined;
    return localeOf(regional ?? tag, language as Language);
  }
  return localeOf("en", "en");
}

function languageOf(tag: string): string {
  return tag.split("-")[0];
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
