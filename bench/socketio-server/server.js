// What a Node team would write for the same chat traffic: socket.io 4.8 rooms, a number per room's message and an
// ack per send, all in memory (as the raw SignalR server). GET /health answers once listening; POST /gc runs a full
// collection (node --expose-gc) so that idle memory is measured as for the .NET servers.
import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import { Server } from "socket.io";

const port = Number(process.env.PORT ?? 0);
const lastSeq = new Map();

const http = createServer((request, response) => {
  if (request.method === "GET" && request.url === "/health") {
    response.end("ok");
  } else if (request.method === "POST" && request.url === "/gc" && typeof global.gc === "function") {
    global.gc();
    response.end("collected");
  } else if (!request.url?.startsWith("/socket.io/")) {
    response.statusCode = 404;
    response.end();
  }
});

const io = new Server(http, { serveClient: false });

io.on("connection", (socket) => {
  socket.on("JoinRoom", (roomId, ack) => {
    if (typeof roomId !== "string" || typeof ack !== "function") return;
    socket.join(roomId);
    ack({ roomId, lastSeq: lastSeq.get(roomId) ?? 0 });
  });

  socket.on("SendMessage", (roomId, clientMessageId, text, ack) => {
    if (typeof roomId !== "string" || typeof text !== "string" || typeof ack !== "function") return;
    const seq = (lastSeq.get(roomId) ?? 0) + 1;
    lastSeq.set(roomId, seq);
    const message = { roomId, seq, messageId: randomUUID(), clientMessageId, senderId: socket.id, text, sentAt: new Date().toISOString() };
    io.to(roomId).emit("MessageReceived", message);
    ack({ roomId, seq, messageId: message.messageId, sentAt: message.sentAt, duplicate: false });
  });
});

http.listen(port, "127.0.0.1", () => console.log(`socket.io server on http://127.0.0.1:${http.address().port}`));
