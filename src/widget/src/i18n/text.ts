import { ar } from "./ar";
import { de } from "./de";
import { en, type WidgetKey } from "./en";
import { es } from "./es";
import { fr } from "./fr";
import { currentLocale, translator } from "./translator";

/** The widget's strings in the page's locale (see `useLocale`). */
export const t = translator<WidgetKey>({ en, de, fr, es, ar });

/** "Ann, Bob and Cy" the locale's way. */
export function formatList(items: readonly string[]): string {
  return new Intl.ListFormat(currentLocale().tag, { type: "conjunction" }).format(items);
}
