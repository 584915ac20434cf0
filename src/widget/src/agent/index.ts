import { describe } from "@orleanschat/client";
import { AgentConsole } from "./agent-console";
import { t } from "./i18n/text";
import { translatePage } from "./page-text";
import { devSignIn, endSignIn, keptSession, oidcSignIn, signInOptions, signOut, takeSignInEnded, type AgentSession } from "./sign-in";
import { attachmentStyles } from "../files/attachment-styles";
import { chooseLocale } from "../i18n/locale";
import { useLocale } from "../i18n/translator";
import { messageChangeStyles } from "../messages/message-change-styles";

// The console shows attachments, and messages that changed, as the widget does: one stylesheet for both.
const sharedSheet = new CSSStyleSheet();
sharedSheet.replaceSync(attachmentStyles + messageChangeStyles);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sharedSheet];

// The agent's language: `?lang=` where a link asks for one, else the browser's (the page itself is ours, in English).
const locale = chooseLocale([new URLSearchParams(location.search).get("lang"), ...navigator.languages]);
useLocale(locale);
translatePage(locale);

/** `/agent`: signs the agent in (a kept token, the OpenID provider, or the form), then opens the console. */
const app = document.getElementById("app")!;
const header = document.getElementById("top")!;
const form = document.getElementById("sign-in") as HTMLFormElement;
const provider = document.getElementById("oidc-sign-in") as HTMLAnchorElement;
const error = document.getElementById("sign-in-error")!;

function open(session: AgentSession): void {
  const leave = document.createElement("button");
  leave.type = "button";
  leave.className = "sign-out";
  leave.textContent = t("signOut");
  leave.addEventListener("click", () => void signOut(location.origin).finally(() => location.reload()));
  const agentConsole = new AgentConsole(location.origin, session, app, header,
    () => void endSignIn(location.origin).finally(() => location.reload()));
  header.append(leave);
  void agentConsole.start();
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
  error.textContent = "";
  devSignIn(location.origin, field("site"), field("userId"), field("displayName") || field("userId"))
    .then(open)
    .catch((failure: unknown) => (error.textContent = describe(failure)));
});

/** Offers the server's ways in; back from the provider, its session signs the agent in. */
async function offerSignIn(): Promise<void> {
  const options = await signInOptions(location.origin);
  if (options?.devLogin === false) form.hidden = true;
  if (!options?.oidc) return;
  provider.textContent = t("signIn.providerNamed", { name: options.oidc.displayName });
  provider.href = `${options.oidc.signInUrl}?returnUrl=${encodeURIComponent(location.pathname)}`;
  provider.hidden = false;
  const session = await oidcSignIn(location.origin);
  if (session) open(session);
}

// The provider's sign-in came back refused: say why, once.
const refused = new URLSearchParams(location.hash.slice(1)).get("signin-error");
if (refused) {
  history.replaceState(null, "", location.pathname + location.search);
  error.textContent = t("signIn.failed", { reason: refused });
}
if (takeSignInEnded()) error.textContent = t("signIn.ended");
const kept = keptSession();
if (kept) open(kept);
else offerSignIn().catch((failure: unknown) => (error.textContent = describe(failure)));
