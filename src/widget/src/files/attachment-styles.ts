/**
 * How attachments look, in the widget's shadow root and on the agent console's page alike: the attach button,
 * the files chosen for the next message, upload progress, and the images and file cards of messages. It uses
 * the custom properties both define (--accent, --bg, --fg, --muted, --bubble, --border).
 */
export const attachmentStyles = `
.attach-button { flex: none; width: 38px; border: none; border-radius: 10px; background: transparent; color: var(--muted); display: grid; place-items: center; }
.attach-button svg { width: 20px; height: 20px; fill: none; stroke: currentColor; stroke-width: 1.8; stroke-linecap: round; }
.attach-button:disabled { opacity: .4; cursor: default; }
.composer-files { list-style: none; margin: 0; padding: 8px 10px 0; display: flex; flex-wrap: wrap; gap: 6px; border-top: 1px solid var(--border); }
.composer-file { display: inline-flex; align-items: center; gap: 6px; max-width: 100%; padding-block: 2px; padding-inline: 10px 4px; border-radius: 12px; background: var(--bubble); font-size: 12px; }
.composer-files .note { font-size: 12px; color: var(--muted); }
.file-name { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.file-size { color: var(--muted); font-size: 11px; white-space: nowrap; }
.remove-file { border: none; background: transparent; color: inherit; font-size: 12px; padding: 0 4px; text-decoration: underline; }
.composer-file .remove-file { text-decoration: none; font-size: 15px; line-height: 1; }
[data-dropping] { outline: 3px dashed var(--accent); outline-offset: -6px; }
.attachments { display: flex; flex-direction: column; align-items: flex-start; gap: 6px; margin-top: 4px; white-space: normal; }
.attachment-open { display: block; max-width: 100%; line-height: 0; }
.attachment-image { display: block; max-width: 100%; height: auto; border-radius: 8px; background: var(--border); }
.message a.attachment-file {
  display: grid; grid-template-columns: auto minmax(0, 1fr); grid-template-rows: auto auto; column-gap: 8px; align-items: center; max-width: 100%;
  padding-block: 6px; padding-inline: 6px 10px; border: 1px solid var(--border); border-radius: 10px; background: var(--bg); color: var(--fg); text-decoration: none;
}
.file-icon { grid-row: 1 / 3; min-width: 36px; padding: 8px 4px; border-radius: 6px; background: var(--accent); color: #fff; font-size: 10px; font-weight: 700; text-align: center; }
.attachment-file .file-name { font-weight: 600; }
.text:empty { display: none; }
.uploads { list-style: none; margin: 4px 0 0; padding: 0; display: flex; flex-direction: column; gap: 6px; white-space: normal; }
.upload { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 2px 8px; font-size: 12px; }
.upload-progress { grid-column: 1 / -1; width: 100%; height: 6px; accent-color: currentColor; }
.upload-status { font-size: 11px; }
.upload[data-state="refused"] .upload-status { font-weight: 600; }
`;
