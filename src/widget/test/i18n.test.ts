import assert from "node:assert/strict";
import { test } from "node:test";
import { ar } from "../src/i18n/ar";
import { de } from "../src/i18n/de";
import { en } from "../src/i18n/en";
import { es } from "../src/i18n/es";
import { fr } from "../src/i18n/fr";
import { ar as consoleAr } from "../src/agent/i18n/ar";
import { de as consoleDe } from "../src/agent/i18n/de";
import { en as consoleEn } from "../src/agent/i18n/en";
import { es as consoleEs } from "../src/agent/i18n/es";
import { fr as consoleFr } from "../src/agent/i18n/fr";
import { chooseLocale, languages } from "../src/i18n/locale";
import { formatMessage, type Message } from "../src/i18n/message-format";

type Catalogues = Record<(typeof languages)[number], Record<string, Message>>;

const widget: Catalogues = { en, de, fr, es, ar };
const agentConsole: Catalogues = { en: consoleEn, de: consoleDe, fr: consoleFr, es: consoleEs, ar: consoleAr };

function forms(message: Message): string[] {
  return typeof message === "string" ? [message] : Object.values(message).filter((form): form is string => form !== undefined);
}

function placeholders(message: Message): string[] {
  return [...new Set(forms(message).flatMap((form) => [...form.matchAll(/\{(\w+)\}/g)].map((match) => match[1])))].sort();
}

/** Every language has every English key and no other, each message filled in, with the English placeholders. */
function assertComplete(catalogues: Catalogues): void {
  const keys = Object.keys(catalogues.en).sort();
  for (const language of languages) {
    const catalogue = catalogues[language];
    assert.deepEqual(Object.keys(catalogue).sort(), keys, `${language}: keys`);
    for (const key of keys) {
      const message = catalogue[key];
      assert.ok(forms(message).every((form) => form.trim().length > 0), `${language} ${key}: empty`);
      if (typeof message !== "string") assert.ok(message.other, `${language} ${key}: no "other" form`);
      // A plural's form for one may say "one" in words, so the count placeholder may be absent from some forms.
      const expected = placeholders(catalogues.en[key]).filter((name) => typeof message === "string" || name !== "count");
      const actual = placeholders(message).filter((name) => typeof message === "string" || name !== "count");
      assert.deepEqual(actual, expected, `${language} ${key}: placeholders`);
    }
  }
}

test("every widget catalogue has every key, filled in, with the same placeholders", () => {
  assertComplete(widget);
});

test("every console catalogue has every key, filled in, with the same placeholders", () => {
  assertComplete(agentConsole);
});

test("the widget's option comes first, then the page's lang, then the browser's languages", () => {
  assert.equal(chooseLocale(["fr", "de", "es"]).language, "fr");
  assert.equal(chooseLocale([undefined, "de", "es"]).language, "de");
  assert.equal(chooseLocale([undefined, "", "es-MX", "de"]).tag, "es-MX");
});

test("a language without a catalogue gives way to the next candidate, and English is the last resort", () => {
  assert.equal(chooseLocale(["ja", "de-AT"]).tag, "de-AT");
  assert.equal(chooseLocale(["ja", "zh-CN"]).language, "en");
  assert.equal(chooseLocale([]).language, "en");
});

test("a bare language takes the region of a later candidate of the same language, for its dates", () => {
  assert.equal(chooseLocale([undefined, "en", "en-GB"]).tag, "en-GB");
  assert.equal(chooseLocale(["de", "en-GB", "de-CH"]).tag, "de-CH");
  assert.equal(chooseLocale(["fr-CA", "fr-FR"]).tag, "fr-CA");
  assert.equal(chooseLocale(["es", "en-US"]).tag, "es");
});

test("Arabic is written right to left, the others left to right", () => {
  assert.equal(chooseLocale(["ar-EG"]).dir, "rtl");
  for (const tag of ["en", "de", "fr", "es"]) assert.equal(chooseLocale([tag]).dir, "ltr");
});

test("tags are read in either spelling and keep their region", () => {
  assert.equal(chooseLocale(["de_at"]).tag, "de-AT");
  assert.equal(chooseLocale(["EN-gb"]).tag, "en-GB");
});

test("placeholders are filled and plurals follow the locale's rules", () => {
  assert.equal(formatMessage("en", en["composer.tooManyFiles"], { count: 1 }), "At most 1 file per message.");
  assert.equal(formatMessage("en", en["composer.tooManyFiles"], { count: 10 }), "At most 10 files per message.");
  assert.equal(formatMessage("ar", ar["launcher.unread"], { count: 2 }), "فتح المحادثة، رسالتان غير مقروءتين");
  assert.equal(formatMessage("de", de["typing.one"], { name: "Ann" }), "Ann schreibt…");
  assert.equal(formatMessage("en", "{unknown} stays", {}), "{unknown} stays");
});
