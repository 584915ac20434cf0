import type { Locale } from "../i18n/locale";
import type { ConsoleKey } from "./i18n/en";
import { t } from "./i18n/text";

/**
 * The console page's own markup in the agent's language: each element with `data-text` gets that key's text;
 * `{path}` in a text stands for the element's `<code>`, which stays.
 */
export function translatePage(locale: Locale): void {
  document.documentElement.lang = locale.tag;
  document.documentElement.dir = locale.dir;
  document.title = t("page.title");
  for (const element of document.querySelectorAll<HTMLElement>("[data-text]")) {
    const text = t(element.dataset.text as ConsoleKey);
    const code = element.querySelector("code");
    const [before, after] = text.split("{path}");
    element.replaceChildren(...(code && after !== undefined ? [before, code, after] : [text]));
  }
}
