// One user in one room through the installed @orleanschat/client package, driven by the .NET test over stdin and
// stdout: each input line is a command ({"send": text}, {"stop": true}); each output line is an event, as JSON.
// Usage: node live-client.mjs <baseUrl> <userId> <roomId>
import { createInterface } from "node:readline";
import { ChatClient, HookCredentials, memoryStore } from "@orleanschat/client";

const [baseUrl, userId, roomId] = process.argv.slice(2);
const tell = (event) => process.stdout.write(JSON.stringify(event) + "\n");

// The host's token hook: here the development sign-in, as an application's own server would issue tokens.
const credentials = await HookCredentials.open(async () => {
  const response = await fetch(`${baseUrl}/api/auth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ userId, displayName: userId }),
  });
  if (!response.ok) throw new Error(`sign-in answered ${response.status}`);
  tell({ event: "token" });
  return (await response.json()).accessToken;
});

const client = new ChatClient(baseUrl, credentials, roomId, memoryStore());
client.on("state", (state) => tell({ event: "state", state }));
client.on("messages", ({ added }) => tell({ event: "messages", messages: added.map((m) => ({ seq: m.seq, text: m.text })) }));
client.on("outbox", (items) => tell({ event: "outbox", pending: items.length, failed: items.filter((i) => i.state === "failed").map((i) => i.error) }));
client.start();

for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line);
  if (command.send !== undefined) client.send(command.send);
  if (command.stop) break;
}
await client.stop();
credentials.stop();
tell({ event: "stopped" });
