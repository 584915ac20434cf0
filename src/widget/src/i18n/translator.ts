import { chooseLocale, type Language, type Locale } from "./locale";
import { formatMessage, type Message, type Params } from "./message-format";

/** A catalogue of one language: every key of the English one, no other (a missing key fails the build). */
export type Catalogue<K extends string> = Record<K, Message>;

/**
 * The page's locale, chosen once when the widget or the console starts. One per page: the widget and the
 * console are never on the same page, and a page runs one widget at a time.
 */
let current: Locale = chooseLocale([]);

export function useLocale(locale: Locale): void {
  current = locale;
}

export function currentLocale(): Locale {
  return current;
}

/** Looks keys up in the current locale's catalogue. */
export function translator<K extends string>(catalogues: Record<Language, Catalogue<K>>): (key: K, params?: Params) => string {
  return (key, params) => formatMessage(current.tag, catalogues[current.language][key], params);
}

/** A date or time as the reader writes it: their locale, their time zone. */
export function formatDate(date: Date | string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(current.tag, options).format(typeof date === "string" ? new Date(date) : date);
}
