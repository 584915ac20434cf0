import { reconnectDelay, type Attachment, type ImageSize } from "@orleanschat/client";
import type { FileLinks, SignedFile } from "./file-links";
import { humanSize } from "./human-size";
import { isImage, previewSize } from "./preview-size";
import { h } from "../dom";

/** How many times a link that could not be fetched (offline, server busy) is asked for again before giving up. */
const linkAttempts = 5;

/**
 * A message's files: images as thumbnails that open full size in a new tab, other files as cards that download.
 * Sources and targets are the server's signed links (http(s) only, checked by `FileLinks`); names are text and
 * attribute values, never markup.
 */
export function renderAttachments(attachments: readonly Attachment[], links: FileLinks): HTMLElement {
  return h("div", { class: "attachments" }, ...attachments.map((a) => (isImage(a) ? imageLink(a, links) : fileCard(a, links))));
}

function imageLink(image: Attachment & ImageSize, links: FileLinks): HTMLAnchorElement {
  const size = previewSize(image);
  const img = h("img", { class: "attachment-image", alt: image.fileName, width: String(size.width), height: String(size.height) });
  const anchor = h("a", { class: "attachment-open", target: "_blank", rel: "noopener noreferrer", title: `${image.fileName} (${humanSize(image.size)})` }, img);
  const show = () => withLink(image.fileId, links, (link) => {
    anchor.href = link.url;
    img.src = link.thumbnailUrl ?? link.url;
  });
  // A link that ran out while the page was open: one fresh link, not a loop of them.
  let renewed = false;
  img.addEventListener("error", () => {
    if (renewed) return;
    renewed = true;
    links.forget(image.fileId);
    show();
  });
  followFreshLink(anchor, image.fileId, links);
  show();
  return anchor;
}

function fileCard(file: Attachment, links: FileLinks): HTMLAnchorElement {
  const card = h("a", { class: "attachment-file", download: file.fileName, rel: "noopener noreferrer" },
    h("span", { class: "file-icon", "aria-hidden": "true" }, extensionOf(file.fileName)),
    h("span", { class: "file-name" }, file.fileName),
    h("span", { class: "file-size" }, humanSize(file.size)));
  withLink(file.fileId, links, (link) => (card.href = link.url));
  followFreshLink(card, file.fileId, links);
  return card;
}

/** Applies the file's link once there is one; a request that failed (offline) is made again a few times. */
function withLink(fileId: string, links: FileLinks, apply: (link: SignedFile) => void, attempt = 0): void {
  links.get(fileId).then(apply, () => {
    if (attempt + 1 < linkAttempts) setTimeout(() => withLink(fileId, links, apply, attempt + 1), reconnectDelay(attempt));
  });
}

/** Signed links last minutes: a click on one that ran out (or has not come yet) waits for a fresh one, then follows it. */
function followFreshLink(anchor: HTMLAnchorElement, fileId: string, links: FileLinks): void {
  anchor.addEventListener("click", (event) => {
    const link = links.current(fileId);
    if (link) {
      anchor.href = link.url;
      return;
    }
    event.preventDefault();
    void links.get(fileId).then((fresh) => {
      anchor.href = fresh.url;
      anchor.click();
    }, () => undefined);
  });
}

/** The card's icon says what kind of file it is: "PDF", "ZIP"; "FILE" for names without a short extension. */
function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  const extension = dot > 0 ? fileName.slice(dot + 1) : "";
  return extension.length > 0 && extension.length <= 4 ? extension.toUpperCase() : "FILE";
}
