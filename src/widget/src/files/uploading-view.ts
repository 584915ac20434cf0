import type { FileUpload, UploadingMessage } from "@orleanschat/client";
import { humanSize } from "./human-size";
import { h, renderText } from "../dom";
import { t } from "../i18n/text";
import { renderQuote } from "../messages/quote-view";

/** What the user does with a file of a message that is still uploading. */
export type RemoveFile = (clientMessageId: string, clientFileId: string) => void;

/** A message whose files are uploading: its text, and a progress bar per file with what became of it. */
export function renderUploadingMessage(message: UploadingMessage<File>, remove: RemoveFile): HTMLLIElement {
  return h("li", { class: "message mine", "data-state": "uploading", "data-client-id": message.clientMessageId },
    ...(message.replyTo ? [renderQuote(message.replyTo)] : []),
    h("span", { class: "text" }, ...renderText(message.text)),
    h("ul", { class: "uploads" }, ...message.files.map((upload) => uploadRow(message.clientMessageId, upload, remove))));
}

function uploadRow(clientMessageId: string, upload: FileUpload<File>, remove: RemoveFile): HTMLLIElement {
  const { name, size } = upload.file;
  const row = h("li", { class: "upload", "data-state": upload.state, "data-client-file-id": upload.clientFileId },
    h("span", { class: "file-name" }, name),
    h("progress", { class: "upload-progress", max: String(Math.max(size, 1)), value: String(Math.min(upload.loaded, size)), "aria-label": name }),
    h("span", { class: "upload-status", ...(upload.state === "refused" ? { role: "alert" } : {}) }, statusOf(upload)));
  if (upload.state !== "uploaded") {
    const button = h("button", { type: "button", class: "remove-file", "aria-label": t("file.remove", { name }) }, t("file.removeShort"));
    button.addEventListener("click", () => remove(clientMessageId, upload.clientFileId));
    row.append(button);
  }
  return row;
}

function statusOf(upload: FileUpload<File>): string {
  switch (upload.state) {
    case "queued": return t("upload.waiting", { size: humanSize(upload.file.size) });
    case "uploading": return t("upload.progress", { loaded: humanSize(upload.loaded), size: humanSize(upload.file.size) });
    case "retrying": return t("upload.retrying", { reason: upload.error ?? t("error.noConnection") });
    case "uploaded": return t("upload.uploaded", { size: humanSize(upload.file.size) });
    case "refused": return t("upload.refused", { reason: upload.error ?? t("upload.refusedReason") });
  }
}
