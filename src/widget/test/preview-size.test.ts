import assert from "node:assert/strict";
import { test } from "node:test";
import { isImage, previewSize } from "../src/files/preview-size";

const file = { fileId: "f", fileName: "a.pdf", contentType: "application/pdf", size: 10 };

test("only measured files are images", () => {
  assert.equal(isImage(file), false);
  assert.equal(isImage({ ...file, width: 10, height: 20 }), true);
});

test("the preview takes the thumbnail's size, else the image's scaled into the box", () => {
  assert.deepEqual(previewSize({ ...file, width: 2000, height: 1000, thumbnail: { width: 320, height: 160 } }), { width: 320, height: 160 });
  assert.deepEqual(previewSize({ ...file, width: 2000, height: 1000 }), { width: 240, height: 120 });
  assert.deepEqual(previewSize({ ...file, width: 100, height: 50 }), { width: 100, height: 50 }, "small images are not enlarged");
});
