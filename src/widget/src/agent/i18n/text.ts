import { translator } from "../../i18n/translator";
import { ar } from "./ar";
import { de } from "./de";
import { en, type ConsoleKey } from "./en";
import { es } from "./es";
import { fr } from "./fr";

/** The console's own strings in the page's locale (see `useLocale`). */
export const t = translator<ConsoleKey>({ en, de, fr, es, ar });
