import assert from "node:assert/strict";
import { test } from "node:test";
import type { Member } from "../src/protocol";
import { Roster } from "../src/roster";

const member = (userId: string): Member => ({ userId, displayName: userId, role: "member", status: "online", readSeq: 0 });

test("a snapshot that lists everyone counts what it lists, and one from before the count is whole", () => {
  const roster = new Roster(() => undefined);
  roster.replace([member("ann"), member("bob")], 2);
  assert.equal(roster.count(), 2);
  roster.replace([member("ann"), member("bob"), member("cy")]);
  assert.equal(roster.count(), 3);
});

test("past the limit the snapshot lists the joiner alone, and the count says how many the room has", () => {
  const roster = new Roster(() => undefined);
  roster.replace([member("cy")], 1200);
  assert.deepEqual(roster.list().map((m) => m.userId), ["cy"]);
  assert.equal(roster.count(), 1200);
});

test("joins and leaves keep the count, whether or not the list held the member who left", () => {
  const told: number[] = [];
  const roster = new Roster((members) => told.push(members.length));
  roster.replace([member("cy")], 1001);
  roster.set(member("dan"));
  assert.equal(roster.count(), 1002);
  roster.remove("eve");
  assert.equal(roster.count(), 1001, "one the list did not hold");
  roster.remove("dan");
  assert.equal(roster.count(), 1000);
  assert.equal(told.length, 3);
});

test("a whole list read later replaces the partial one and its count", () => {
  const roster = new Roster(() => undefined);
  roster.replace([member("cy")], 3);
  roster.replace([member("ann"), member("bob"), member("cy")]);
  assert.equal(roster.count(), 3);
  roster.remove("nobody");
  assert.equal(roster.count(), 3, "no one unlisted is left to leave");
});
