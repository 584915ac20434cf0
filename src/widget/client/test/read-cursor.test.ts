import assert from "node:assert/strict";
import { test } from "node:test";
import { ReadCursor } from "../src/read-cursor";

function cursor() {
  const told: number[] = [];
  const moved: number[] = [];
  return { cursor: new ReadCursor((seq) => told.push(seq), (seq) => moved.push(seq)), told, moved };
}

test("reading here moves the cursor forward only, and the server is told each move", () => {
  const { cursor: read, told, moved } = cursor();
  read.read(5);
  read.read(3);
  read.read(5);
  read.read(8);
  assert.equal(read.seq, 8);
  assert.deepEqual(told, [5, 8]);
  assert.deepEqual(moved, [5, 8]);
});

test("a receipt from another tab or device moves the cursor without telling the server again", () => {
  const { cursor: read, told, moved } = cursor();
  read.read(4);
  read.readElsewhere(9);
  read.readElsewhere(6);
  assert.equal(read.seq, 9);
  assert.deepEqual(told, [4]);
  assert.deepEqual(moved, [4, 9]);
});

test("at a join the server learns what was read while disconnected, and the cursor what was read elsewhere", () => {
  const offline = cursor();
  offline.cursor.read(7);
  offline.cursor.joined({ readSeq: 5, lastSeq: 10 });
  assert.deepEqual(offline.told, [7, 7]);
  assert.equal(offline.cursor.seq, 7);

  const elsewhere = cursor();
  elsewhere.cursor.read(3);
  elsewhere.cursor.joined({ readSeq: 6, lastSeq: 10 });
  assert.deepEqual(elsewhere.told, [3]);
  assert.equal(elsewhere.cursor.seq, 6);
});

test("a cursor past the room's last seq (another epoch) is not told at a join, and a new epoch starts from zero", () => {
  const { cursor: read, told } = cursor();
  read.read(40);
  read.joined({ readSeq: 0, lastSeq: 12 });
  assert.deepEqual(told, [40]);
  read.reset();
  assert.equal(read.seq, 0);
  read.joined({ readSeq: 2, lastSeq: 12 });
  assert.equal(read.seq, 2);
});
