import assert from "node:assert/strict";
import { test } from "node:test";
import { ApiError } from "../src/errors";
import type { Attachment } from "../src/protocol";
import { UploadQueue, type FileToUpload } from "../src/uploads/upload-queue";

interface Sent {
  text: string;
  fileIds: string[];
  clientMessageId: string;
}

/** A queue whose transport answers from a script of outcomes per file name, and whose pauses run when told. */
function harness(outcomes: Record<string, (ApiError | "ok")[]>) {
  const calls: { name: string; clientFileId: string }[] = [];
  const sent: Sent[] = [];
  const pauses: { ms: number; run: () => void }[] = [];
  const queue = new UploadQueue<FileToUpload>(
    async (file, clientFileId, onProgress) => {
      calls.push({ name: file.name, clientFileId });
      onProgress(file.size / 2);
      const outcome = outcomes[file.name]?.shift() ?? "ok";
      if (outcome !== "ok") throw outcome;
      return { fileId: `stored-${clientFileId}`, fileName: file.name, contentType: "application/pdf", size: file.size } satisfies Attachment;
    },
    (text, attachments, clientMessageId) => sent.push({ text, fileIds: attachments.map((a) => a.fileId), clientMessageId }),
    (ms, run) => pauses.push({ ms, run }),
  );
  return { queue, calls, sent, pauses };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const file = (name: string, size = 100): FileToUpload => ({ name, size });

test("files upload one at a time, then the message goes with its text and file ids", async () => {
  const { queue, calls, sent } = harness({});
  queue.write("see attached", [file("a.pdf"), file("b.pdf")]);
  await settle();
  assert.deepEqual(calls.map((c) => c.name), ["a.pdf", "b.pdf"]);
  assert.equal(sent.length, 1);
  assert.equal(sent[0].text, "see attached");
  assert.deepEqual(sent[0].fileIds, calls.map((c) => `stored-${c.clientFileId}`));
  assert.deepEqual(queue.list(), []);
});

test("a message of files alone is sent with empty text; one with neither is not", async () => {
  const { queue, sent } = harness({});
  queue.write("   ", []);
  queue.write("", [file("a.pdf")]);
  await settle();
  assert.deepEqual(sent.map((s) => s.text), [""]);
});

test("a transient failure is retried after the backoff with the same clientFileId", async () => {
  const { queue, calls, sent, pauses } = harness({ "a.pdf": [new ApiError(0, "offline"), new ApiError(503, "busy")] });
  queue.write("", [file("a.pdf")]);
  await settle();
  assert.equal(queue.list()[0].files[0].state, "retrying");
  assert.equal(queue.list()[0].files[0].error, "offline");
  pauses.shift()!.run();
  await settle();
  pauses.shift()!.run();
  await settle();
  assert.equal(calls.length, 3);
  assert.equal(new Set(calls.map((c) => c.clientFileId)).size, 1, "every attempt names the same file");
  assert.equal(sent.length, 1);
});

test("when the network is back, a file waiting out its backoff goes at once, and the old pause does nothing", async () => {
  const { queue, calls, sent, pauses } = harness({ "a.pdf": [new ApiError(0, "offline"), new ApiError(0, "offline")] });
  queue.write("", [file("a.pdf")]);
  await settle();
  queue.resume();
  await settle();
  assert.equal(calls.length, 2);
  assert.equal(queue.list()[0].files[0].state, "retrying");
  pauses.shift()!.run();
  await settle();
  assert.equal(calls.length, 2, "the first failure's pause is over: it sends nothing");
  pauses.shift()!.run();
  await settle();
  assert.equal(calls.length, 3);
  assert.equal(sent.length, 1);
});

test("429 waits for Retry-After before trying again", async () => {
  const { queue, pauses } = harness({ "a.pdf": [new ApiError(429, "slow down", "5")] });
  queue.write("", [file("a.pdf")]);
  await settle();
  assert.equal(pauses[0].ms, 5000);
});

test("a refused file shows why and holds its message until the user removes it", async () => {
  const { queue, sent, pauses } = harness({ "big.zip": [new ApiError(413, "The file is larger than 10 MB.")] });
  queue.write("two files", [file("big.zip"), file("ok.pdf")]);
  await settle();
  const [message] = queue.list();
  assert.deepEqual(message.files.map((f) => f.state), ["refused", "uploaded"]);
  assert.equal(message.files[0].error, "The file is larger than 10 MB.");
  assert.equal(pauses.length, 0, "no retry of a refusal");
  assert.equal(sent.length, 0);
  queue.remove(message.clientMessageId, message.files[0].clientFileId);
  assert.equal(sent.length, 1);
  assert.equal(sent[0].fileIds.length, 1);
  assert.equal(sent[0].clientMessageId, message.clientMessageId, "the message keeps its id into the outbox");
});

test("removing every file of a message without text drops the message", async () => {
  const { queue, sent } = harness({ "x.exe": [new ApiError(415, "Files of this type are not allowed.")] });
  queue.write("", [file("x.exe")]);
  await settle();
  const [message] = queue.list();
  queue.remove(message.clientMessageId, message.files[0].clientFileId);
  assert.deepEqual(queue.list(), []);
  assert.equal(sent.length, 0);
});

test("messages move on in the order written: text written meanwhile waits behind the files", async () => {
  const { queue, sent, pauses } = harness({ "a.pdf": [new ApiError(0, "offline")] });
  queue.write("first", [file("a.pdf")]);
  queue.write("second", []);
  await settle();
  assert.equal(sent.length, 0);
  pauses.shift()!.run();
  await settle();
  assert.deepEqual(sent.map((s) => s.text), ["first", "second"]);
});

test("progress is told as the bytes go", async () => {
  const { queue } = harness({});
  const loaded: number[] = [];
  queue.on("changed", (messages) => messages[0]?.files[0] && loaded.push(messages[0].files[0].loaded));
  queue.write("", [file("a.pdf", 200)]);
  await settle();
  assert.ok(loaded.includes(100), `progress seen: ${loaded}`);
});
