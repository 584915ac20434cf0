import { ApiError, problemDetail } from "../errors.js";
import type { Attachment } from "../protocol.js";

/** An upload that sends nothing for this long is taken for a dead connection and given up (then retried). */
const stallMs = 30_000;

/**
 * `POST .../files` as `multipart/form-data` (part `file`, field `clientFileId`) through XMLHttpRequest, the one
 * browser API that reports upload progress. Resolves with the stored file; rejects with an `ApiError` carrying the
 * status (0: no answer), the problem's `detail` and `Retry-After`.
 */
export function uploadFile(
  url: string, token: string, file: File, clientFileId: string, onProgress: (loaded: number) => void, signal: AbortSignal,
): Promise<Attachment> {
  if (typeof XMLHttpRequest === "undefined") return uploadByFetch(url, token, file, clientFileId, onProgress, signal);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    let stall: ReturnType<typeof setTimeout> | undefined;
    const watch = () => {
      clearTimeout(stall);
      stall = setTimeout(() => request.abort(), stallMs);
    };
    const fail = (message: string) => {
      clearTimeout(stall);
      reject(new ApiError(0, message));
    };
    request.open("POST", url);
    request.setRequestHeader("Authorization", `Bearer ${token}`);
    request.responseType = "text";
    request.upload.addEventListener("progress", (event) => {
      watch();
      onProgress(event.loaded);
    });
    request.addEventListener("load", () => {
      clearTimeout(stall);
      if (request.status === 200 || request.status === 201) {
        try {
          resolve(JSON.parse(request.responseText) as Attachment);
        } catch {
          reject(new ApiError(0, "The server's answer was cut short."));
        }
        return;
      }
      reject(new ApiError(request.status, problemDetail(request.responseText) ?? request.statusText, request.getResponseHeader("Retry-After")));
    });
    request.addEventListener("error", () => fail("No connection to the chat server."));
    request.addEventListener("abort", () => fail(signal.aborted ? "Removed." : "The upload stalled."));
    signal.addEventListener("abort", () => request.abort(), { once: true });
    watch();
    request.send(uploadForm(file, clientFileId));
  });
}

/** Node has no XMLHttpRequest: the same request through fetch, its progress told once, when it is all sent. */
async function uploadByFetch(
  url: string, token: string, file: File, clientFileId: string, onProgress: (loaded: number) => void, signal: AbortSignal,
): Promise<Attachment> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { Authorization: `Bearer ${token}` }, body: uploadForm(file, clientFileId), signal });
  } catch {
    throw new ApiError(0, signal.aborted ? "Removed." : "No connection to the chat server.");
  }
  const body = await response.text();
  if (!response.ok) throw new ApiError(response.status, problemDetail(body) ?? response.statusText, response.headers.get("Retry-After"));
  onProgress(file.size);
  try {
    return JSON.parse(body) as Attachment;
  } catch {
    throw new ApiError(0, "The server's answer was cut short.");
  }
}

function uploadForm(file: File, clientFileId: string): FormData {
  const form = new FormData();
  form.append("clientFileId", clientFileId);
  form.append("file", file, file.name);
  return form;
}
