/**
 * How messages that changed look, in the widget's shadow root and on the agent console's page alike: quotes of
 * replies, "(edited)", tombstones, reaction chips, and (the widget's) message controls, editor and reply banner.
 * It uses the custom properties both define (--accent, --bg, --fg, --muted, --bubble, --border).
 */
export const messageChangeStyles = `
.message .visually-hidden, .reply-banner .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.quote {
  display: block; width: 100%; margin: 0 0 4px; padding: 3px 8px; border: none; border-inline-start: 3px solid currentColor; border-radius: 4px;
  background: rgba(127,127,127,.16); color: inherit; font: inherit; font-size: 12px; text-align: start; white-space: normal;
}
button.quote { cursor: pointer; }
.quote-sender { display: block; font-weight: 600; }
.quote-excerpt { display: block; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.quote-excerpt.gone, .tombstone { font-style: italic; opacity: .8; }
.message.deleted { background: transparent; border: 1px dashed var(--border); color: var(--muted); }
.message.deleted .sender { display: block; }
.edited { margin-inline-start: 6px; font-size: 11px; }
.reactions { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 4px; white-space: normal; }
.reaction {
  display: inline-flex; align-items: center; gap: 3px; padding: 1px 7px; border: 1px solid var(--border); border-radius: 12px;
  background: var(--bg); color: var(--fg); font: inherit; font-size: 12px; line-height: 18px;
}
.reaction[aria-pressed="true"], .reaction[data-me="true"] { border-color: var(--accent); background: color-mix(in srgb, var(--accent) 16%, var(--bg)); }
.message { position: relative; }
.message-actions { display: flex; flex-wrap: wrap; align-items: center; gap: 2px 8px; margin-top: 3px; font-size: 11px; white-space: normal; }
/* The toolbar floats on the bubble's lower edge while the pointer or the focus is on the message. */
.message-actions[data-mode="none"] {
  position: absolute; inset-inline-end: 8px; bottom: -11px; z-index: 1; margin: 0; padding: 1px 8px; border: 1px solid var(--border); border-radius: 10px;
  background: var(--bg); color: var(--fg); box-shadow: 0 1px 4px rgba(0,0,0,.12); opacity: 0; pointer-events: none; transition: opacity .12s;
}
.message:hover .message-actions, .message:focus-within .message-actions { opacity: 1; pointer-events: auto; }
.message-actions[data-mode="none"]:has(.action-error) { position: static; opacity: 1; pointer-events: auto; border: none; background: transparent; color: inherit; box-shadow: none; padding: 0; margin-top: 3px; }
@media (hover: none) {
  .message-actions[data-mode="none"] { position: static; opacity: 1; pointer-events: auto; border: none; background: transparent; color: inherit; box-shadow: none; padding: 0; margin-top: 3px; }
}
.message-actions .action, .pick-close { border: none; background: transparent; color: inherit; padding: 0; font-size: 11px; text-decoration: underline; }
.message-actions .confirm-delete { font-weight: 700; }
.reaction-picker { display: flex; flex-wrap: wrap; gap: 2px; padding: 2px 4px; border-radius: 14px; background: var(--bg); color: var(--fg); border: 1px solid var(--border); }
.reaction-picker .pick { border: none; background: transparent; color: inherit; padding: 2px 4px; font-size: 16px; line-height: 1; border-radius: 8px; }
/* On the user's own bubble the accent ring would vanish: the ring takes the control's own colour there. */
.message.mine :focus-visible { outline-color: currentColor; }
.reaction-picker .pick[aria-pressed="true"] { background: var(--bubble); }
.pick-close { color: var(--fg); text-decoration: none; font-size: 15px; padding: 0 4px; }
.action-error { flex-basis: 100%; font-weight: 600; }
.editor { display: flex; flex-direction: column; gap: 4px; }
.edit-field { width: 100%; min-width: 200px; min-height: 52px; resize: vertical; padding: 6px 8px; border: 1px solid var(--border); border-radius: 8px; font: inherit; color: var(--fg); background: var(--bg); }
.editor-buttons { display: flex; gap: 8px; justify-content: flex-end; }
.editor-buttons .action { border: none; background: transparent; color: inherit; font-size: 12px; text-decoration: underline; padding: 0; }
.editor-buttons .save { font-weight: 700; }
.message.flash { outline: 3px solid var(--accent); outline-offset: 2px; }
.reply-banner { display: flex; align-items: center; gap: 8px; padding: 6px 14px; border-top: 1px solid var(--border); background: var(--bubble); font-size: 12px; }
.reply-banner[hidden] { display: none; }
.reply-text { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.reply-sender { font-weight: 600; }
.reply-cancel { border: none; background: transparent; color: var(--fg); font-size: 16px; line-height: 1; padding: 0 4px; }
`;
