/** A message: plain text, or one text per plural category (`other` always there) chosen by the `count` parameter. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | Plural;
export type Params = Record<string, string | number>;

/**
 * A catalogue message with its `{name}` placeholders filled in. Numbers are written the locale's way; a plural
 * picks its form by `count` under the locale's rules (Arabic has six, English two).
 */
export function formatMessage(locale: string, message: Message, params: Params = {}): string {
  const text = typeof message === "string" ? message
    : message[new Intl.PluralRules(locale).select(Number(params.count ?? 0))] ?? message.other;
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    if (value === undefined) return placeholder;
    return typeof value === "number" ? new Intl.NumberFormat(locale).format(value) : value;
  });
}
