import { attachmentStyles } from "./files/attachment-styles";
import { messageChangeStyles } from "./messages/message-change-styles";

/**
 * The widget's stylesheet, scoped by its shadow root. `:host { all: initial }` stops the page's inherited styles
 * (fonts, colours, line heights) from reaching in; the page's selectors cannot match inside at all.
 */
export const styles = `
:host { all: initial; }
.root {
  --accent: #3b5bdb; --bg: #ffffff; --fg: #1c1e21; --muted: #65676b; --bubble: #f0f2f5; --border: #dadde1;
  --mine-fg: #ffffff; --shadow: 0 8px 28px rgba(0,0,0,.22);
  position: fixed; bottom: 20px; inset-inline-end: 20px; z-index: 2147483000;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
  display: flex; flex-direction: column; align-items: flex-end; gap: 12px;
}
.root[data-theme="dark"] {
  --bg: #1e2024; --fg: #e4e6eb; --muted: #a8abaf; --bubble: #2e3136; --border: #3a3d42; --shadow: 0 8px 28px rgba(0,0,0,.6);
}
.root[data-position="left"] { inset-inline-end: auto; inset-inline-start: 20px; align-items: flex-start; }
*, *::before, *::after { box-sizing: border-box; }
button { font: inherit; cursor: pointer; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
/* On the accent-coloured header an accent ring would not show. */
header :focus-visible { outline-color: #fff; outline-offset: -3px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.launcher {
  position: relative; width: 56px; height: 56px; border-radius: 50%; border: none; background: var(--accent); color: #fff;
  box-shadow: var(--shadow); display: grid; place-items: center; order: 2;
}
.launcher svg { width: 28px; height: 28px; fill: currentColor; }
.badge {
  position: absolute; top: -4px; inset-inline-end: -4px; min-width: 22px; height: 22px; padding: 0 6px; border-radius: 11px;
  background: #c92a2a; color: #fff; font-size: 12px; font-weight: 700; line-height: 22px; text-align: center;
}
.panel {
  width: 370px; height: min(600px, calc(100vh - 100px)); background: var(--bg); border: 1px solid var(--border);
  border-radius: 14px; box-shadow: var(--shadow); display: flex; flex-direction: column; overflow: hidden; order: 1;
}
.panel[hidden], .badge[hidden], [hidden] { display: none; }
header { display: flex; align-items: center; gap: 8px; padding: 12px 14px; background: var(--accent); color: #fff; }
header .heading { flex: 1; min-width: 0; }
h2 { margin: 0; font-size: 16px; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.state { margin: 0; font-size: 12px; opacity: .92; display: flex; align-items: center; gap: 6px; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: #adb5bd; flex: none; }
.dot[data-status="online"], .state[data-state="connected"] .dot { background: #40c057; }
.dot[data-status="away"] { background: #fab005; }
.state[data-state="reconnecting"] .dot, .state[data-state="connecting"] .dot { background: #fab005; }
.state[data-state="offline"] .dot, .state[data-state="unavailable"] .dot { background: #fa5252; }
.close { border: none; background: transparent; color: #fff; font-size: 22px; line-height: 1; width: 32px; height: 32px; border-radius: 6px; }
.members { display: flex; flex-wrap: wrap; gap: 4px 10px; padding: 6px 14px; border-bottom: 1px solid var(--border); font-size: 12px; color: var(--muted); }
.members:empty { display: none; }
.support { display: flex; align-items: center; gap: 8px; padding: 7px 14px; border-bottom: 1px solid var(--border); font-size: 12px; background: var(--bubble); }
.support[hidden] { display: none; }
.support-text { flex: 1; }
.support { flex-wrap: wrap; }
.rating { flex-basis: 100%; display: flex; flex-wrap: wrap; align-items: center; gap: 4px; }
.rating[hidden] { display: none; }
.rating .star { border: none; background: none; font-size: 18px; color: var(--muted); cursor: pointer; padding: 0 1px; }
.rating .star[aria-pressed="true"] { color: #f59f00; }
.rating-comment { flex: 1; min-width: 120px; font: inherit; padding: 3px 6px; border: 1px solid var(--border); border-radius: 6px; }
.offline { padding: 8px 14px; border-bottom: 1px solid var(--border); font-size: 12px; background: var(--bubble); }
.offline[hidden], .offline-form[hidden] { display: none; }
.offline p { margin: 0 0 6px; }
.offline-form { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.offline-form input[type=email] { flex: 1; min-width: 140px; }
.offline-transcript { display: flex; gap: 4px; align-items: center; width: 100%; }
.human { border: 1px solid var(--accent); border-radius: 14px; padding: 3px 10px; background: var(--bg); color: var(--fg); font-size: 12px; }
.member { display: inline-flex; align-items: center; gap: 5px; }
.log { flex: 1; overflow-y: auto; padding: 12px 14px; display: flex; flex-direction: column; gap: 6px; }
.older { align-self: center; border: 1px solid var(--border); background: transparent; color: var(--muted); border-radius: 14px; padding: 3px 12px; font-size: 12px; }
.greeting { align-self: flex-start; margin: 0; }
ol { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
.message, .greeting { max-width: 82%; padding: 7px 11px; border-radius: 14px; background: var(--bubble); overflow-wrap: anywhere; white-space: pre-wrap; }
.message.mine { align-self: flex-end; background: var(--accent); color: var(--mine-fg); }
.message.assistant { border-inline-start: 3px solid var(--accent); }
.message[aria-busy="true"] .text::after { content: "▍"; opacity: .6; }
.message.system { align-self: center; background: transparent; color: var(--muted); font-size: 12px; }
.message a { color: inherit; text-decoration: underline; }
.sender { display: block; font-size: 11px; font-weight: 600; color: var(--muted); }
.message.mine .sender { display: none; }
.generated { margin-inline-start: 4px; padding: 0 5px; border-radius: 6px; border: 1px solid var(--accent); font-weight: 500; }
.status { display: block; font-size: 11px; text-align: end; }
.message[data-state="pending"] { opacity: .7; }
.message[data-state="failed"] { background: #fff0f0; color: #c92a2a; border: 1px solid #ffa8a8; }
.message[data-state="failed"] button { border: none; background: transparent; color: inherit; text-decoration: underline; padding: 0 0 0 6px; font-size: 11px; }
.new-messages {
  position: sticky; bottom: 4px; align-self: center; border: none; border-radius: 14px; padding: 4px 12px;
  background: var(--accent); color: #fff; font-size: 12px; font-weight: 600; box-shadow: var(--shadow);
}
.seen { align-self: flex-end; margin: 0; font-size: 11px; color: var(--muted); }
.typing { margin: 0; padding: 0 14px 4px; min-height: 20px; font-size: 12px; font-style: italic; color: var(--muted); }
form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid var(--border); }
textarea {
  flex: 1; resize: none; min-height: 38px; max-height: 120px; padding: 8px 10px; border: 1px solid var(--border); border-radius: 10px;
  font: inherit; color: var(--fg); background: var(--bg);
}
.send { border: none; border-radius: 10px; padding: 0 14px; background: var(--accent); color: #fff; font-weight: 600; }
${attachmentStyles}
${messageChangeStyles}
@media (max-width: 480px) {
  .root { bottom: 12px; inset-inline-end: 12px; }
  .root[data-position="left"] { inset-inline-start: 12px; }
  /* Full screen, above the on-screen keyboard: phone-layout.ts sets the visual viewport's top and height. */
  .root.open { inset: auto 0; top: var(--oc-viewport-top, 0px); height: 100vh; height: var(--oc-viewport-height, 100dvh); }
  .root.open .launcher { display: none; }
  .root.open .panel { width: 100%; height: 100%; border-radius: 0; border: none; }
  .log { overscroll-behavior: contain; }
}
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important; scroll-behavior: auto !important; }
}
`;
