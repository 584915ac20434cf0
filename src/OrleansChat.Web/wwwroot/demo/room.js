// The host application's part: sign the user in, make sure the room exists, start the widget with the token.
const query = new URLSearchParams(location.search);
const roomId = query.get("room") || "demo-lobby";
const status = document.getElementById("status");

async function join(displayName, userId, role) {
  const login = await fetch("/api/auth/token", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ userId, displayName, role }),
  });
  if (!login.ok) { status.textContent = "Development login is off on this server."; return; }
  const { accessToken } = await login.json();
  // Support rooms exist already (a visitor's session made them); an agent just joins. Group rooms are made here.
  if (!roomId.startsWith("support:")) {
    const created = await fetch("/api/rooms", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ roomId, name: "Demo lobby", visibility: "public" }),
    });
    if (!created.ok && created.status !== 409) { status.textContent = "The room could not be created."; return; }
  }
  status.textContent = `Signed in as ${displayName}.`;
  const start = () => OrleansChat.init({ mode: "room", roomId, token: accessToken, title: "Demo lobby", open: true,
    theme: query.get("theme") || "auto" });
  if (window.OrleansChat) start(); else document.querySelector('script[src="/widget.js"]').addEventListener("load", start);
}

document.getElementById("login").addEventListener("submit", (event) => {
  event.preventDefault();
  const name = document.getElementById("name").value.trim();
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "guest";
  join(name, `${slug}-${Math.random().toString(16).slice(2, 8)}`, "member");
});
// ?name=Ann&user=ann-1 signs in at once; ?role=agent with ?room=<a support room id> answers a visitor of the shop.
if (query.get("name")) join(query.get("name"), query.get("user") || query.get("name").toLowerCase(), query.get("role") || "member");
