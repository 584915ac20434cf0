import type { Attachment, ImageSize } from "@orleanschat/client";

/** The largest an image is shown inline, in CSS pixels, when the server made no thumbnail. */
const maxPreview = 240;

/** Whether an attachment is an image the server measured (it gives width and height only to images). */
export function isImage(attachment: Attachment): attachment is Attachment & ImageSize {
  return typeof attachment.width === "number" && typeof attachment.height === "number";
}

/**
 * The size to reserve for an image's inline preview before it loads, so that the chat does not jump: the
 * thumbnail's, else the image's own scaled down to fit `maxPreview` square.
 */
export function previewSize(image: Attachment & ImageSize): ImageSize {
  if (image.thumbnail) return image.thumbnail;
  const scale = Math.min(1, maxPreview / Math.max(image.width, image.height, 1));
  return { width: Math.max(1, Math.round(image.width * scale)), height: Math.max(1, Math.round(image.height * scale)) };
}
