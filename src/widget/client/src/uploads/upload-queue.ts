import { uploadRetry } from "./upload-retry.js";
import { Emitter } from "../emitter.js";
import { ApiError, describe } from "../errors.js";
import { newClientFileId, newClientMessageId } from "../ids.js";
import type { Attachment, MessageQuote } from "../protocol.js";

/** The part of a `File` the queue needs; tests give plain objects. */
export interface FileToUpload {
  readonly name: string;
  readonly size: number;
}

/** Sends one file (`POST .../files`), telling the bytes sent so far; rejects with an `ApiError` when refused. */
export type UploadTransport<F extends FileToUpload> =
  (file: F, clientFileId: string, onProgress: (loaded: number) => void, signal: AbortSignal) => Promise<Attachment>;

/**
 * `queued`: waits its turn. `uploading`: on its way (`loaded` bytes so far). `retrying`: failed transiently and
 * goes again after a pause. `uploaded`: stored (`attachment`). `refused`: the server will never take it (`error`
 * says why); the user removes it.
 */
export type UploadState = "queued" | "uploading" | "retrying" | "uploaded" | "refused";

export interface FileUpload<F extends FileToUpload = FileToUpload> {
  readonly clientFileId: string;
  readonly file: F;
  state: UploadState;
  loaded: number;
  attempts: number;
  error?: string;
  attachment?: Attachment;
}

/** A message whose files are uploading; it keeps its clientMessageId when it moves on to the outbox. */
export interface UploadingMessage<F extends FileToUpload = FileToUpload> {
  readonly clientMessageId: string;
  readonly text: string;
  readonly files: FileUpload<F>[];
  /** The message it answers, if it is a reply. */
  readonly replyTo?: MessageQuote;
}

export interface UploadQueueEvents<F extends FileToUpload> {
  [name: string]: unknown;
  changed: readonly UploadingMessage<F>[];
}

/**
 * Messages with files, while their files upload one at a time. A transient failure is retried after a backoff
 * with the same clientFileId (the server stores a client file id once); a refusal waits for the user to remove
 * the file. A message moves on to the outbox (`send`) once all its files are stored, in the order written: a
 * message written meanwhile, even without files, waits behind the ones before it. Files cannot be kept across
 * a reload; once uploaded, the outbox keeps the message.
 */
export class UploadQueue<F extends FileToUpload = File> extends Emitter<UploadQueueEvents<F>> {
  private readonly messages: UploadingMessage<F>[] = [];
  private readonly aborts = new Map<string, AbortController>();
  private uploading = false;

  constructor(
    private readonly upload: UploadTransport<F>,
    private readonly send: (text: string, attachments: Attachment[], clientMessageId: string, replyTo?: MessageQuote) => void,
    private readonly later: (ms: number, action: () => void) => void,
  ) {
    super();
  }

  list(): readonly UploadingMessage<F>[] {
    return this.messages;
  }

  /** The user sends `text` (may be empty when there are files) with `files`, perhaps as a reply. */
  write(text: string, files: readonly F[], replyTo?: MessageQuote): void {
    if (!text.trim() && files.length === 0) return;
    this.messages.push({
      clientMessageId: newClientMessageId(),
      text,
      files: files.map((file) => ({ clientFileId: newClientFileId(), file, state: "queued", loaded: 0, attempts: 0 })),
      ...(replyTo ? { replyTo } : {}),
    });
    this.moveOn();
    void this.run();
  }

  /** The user takes a file out of a message that is not sent yet; a message left with nothing goes. */
  remove(clientMessageId: string, clientFileId: string): void {
    const message = this.messages.find((m) => m.clientMessageId === clientMessageId);
    const at = message?.files.findIndex((f) => f.clientFileId === clientFileId) ?? -1;
    if (!message || at < 0) return;
    message.files.splice(at, 1);
    this.aborts.get(clientFileId)?.abort();
    if (message.files.length === 0 && !message.text.trim()) this.messages.splice(this.messages.indexOf(message), 1);
    this.moveOn();
  }

  /** The network is back: files waiting out a backoff go now rather than when it ends. */
  resume(): void {
    for (const message of this.messages) {
      for (const upload of message.files) if (upload.state === "retrying") upload.state = "queued";
    }
    void this.run();
  }

  /** Uploads the queued files one at a time, until none is left waiting. */
  private async run(): Promise<void> {
    if (this.uploading) return;
    this.uploading = true;
    try {
      for (let next = this.nextQueued(); next; next = this.nextQueued()) await this.attempt(next);
    } finally {
      this.uploading = false;
    }
  }

  private nextQueued(): FileUpload<F> | undefined {
    for (const message of this.messages) {
      const queued = message.files.find((f) => f.state === "queued");
      if (queued) return queued;
    }
    return undefined;
  }

  private async attempt(upload: FileUpload<F>): Promise<void> {
    const abort = new AbortController();
    this.aborts.set(upload.clientFileId, abort);
    upload.state = "uploading";
    upload.loaded = 0;
    this.changed();
    try {
      upload.attachment = await this.upload(upload.file, upload.clientFileId, (loaded) => {
        upload.loaded = loaded;
        this.changed();
      }, abort.signal);
      upload.state = "uploaded";
      upload.loaded = upload.file.size;
      delete upload.error;
    } catch (error) {
      if (abort.signal.aborted) return;
      const status = error instanceof ApiError ? error.status : 0;
      const decision = uploadRetry(status, error instanceof ApiError ? error.retryAfter : null, upload.attempts++);
      upload.error = describe(error);
      upload.state = decision.retry ? "retrying" : "refused";
      if (decision.retry) {
        const attempts = upload.attempts;
        this.later(decision.delayMs, () => {
          // Resumed meanwhile (and perhaps failed again, with a backoff of its own), or removed.
          if (upload.state !== "retrying" || upload.attempts !== attempts) return;
          upload.state = "queued";
          void this.run();
        });
      }
    } finally {
      this.aborts.delete(upload.clientFileId);
      this.moveOn();
    }
  }

  /** Hands the messages whose files are all stored to the outbox, oldest first, stopping at one still waiting. */
  private moveOn(): void {
    while (this.messages.length > 0 && this.messages[0].files.every((f) => f.state === "uploaded")) {
      const message = this.messages.shift()!;
      this.send(message.text, message.files.map((f) => f.attachment!), message.clientMessageId, message.replyTo);
    }
    this.changed();
  }

  private changed(): void {
    this.emit("changed", this.messages);
  }
}
