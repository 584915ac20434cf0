import { describe } from "../errors";
import { AgentConsole } from "./agent-console";
import { devSignIn, keptSession, signOut, type AgentSession } from "./sign-in";

/** `/agent`: signs the agent in (a kept token, or the form), then opens the console. */
const app = document.getElementById("app")!;
const header = document.getElementById("top")!;
const form = document.getElementById("sign-in") as HTMLFormElement;
const error = document.getElementById("sign-in-error")!;

function open(session: AgentSession): void {
  const leave = document.createElement("button");
  leave.type = "button";
  leave.className = "sign-out";
  leave.textContent = "Sign out";
  leave.addEventListener("click", () => {
    signOut();
    location.reload();
  });
  const agentConsole = new AgentConsole(location.origin, session, app, header);
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

const kept = keptSession();
if (kept) open(kept);
