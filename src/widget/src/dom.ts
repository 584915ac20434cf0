import { t } from "./i18n/text";
import { splitLinks } from "./links";

/** Creates an element with attributes and children. Children that are strings become text nodes, never HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false) continue;
    element.setAttribute(name, value === true ? "" : value);
  }
  element.append(...children);
  return element;
}

/** An icon drawn from one SVG path, hidden from assistive technology (the control around it has the label). */
export function icon(path: string): SVGSVGElement {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const shape = document.createElementNS("http://www.w3.org/2000/svg", "path");
  shape.setAttribute("d", path);
  svg.append(shape);
  return svg;
}

/**
 * Who wrote a message. The assistant's messages say they are generated: the mark comes from the message's kind,
 * which only the server sets, so a person who calls themselves "Assistant" cannot pass for it.
 */
export function senderLine(name: string, generated: boolean): HTMLElement {
  return h("span", { class: "sender" }, name, ...(generated ? [" ", h("span", { class: "generated" }, t("message.generated"))] : []));
}

/** Message text as nodes: text nodes, and anchors only for http(s) links, opened without access to this page. */
export function renderText(text: string): Node[] {
  return splitLinks(text).map((run) => run.href === undefined
    ? document.createTextNode(run.text)
    : h("a", { href: run.href, target: "_blank", rel: "noopener noreferrer nofollow" }, run.text));
}

/** A message composer: Enter sends (not while composing with an input method), Shift+Enter breaks the line. */
export function onSend(form: HTMLFormElement, input: HTMLTextAreaElement, send: () => void): void {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send();
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });
}
