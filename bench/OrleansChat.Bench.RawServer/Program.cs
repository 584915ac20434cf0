using OrleansChat.Bench.RawServer;

// A default SignalR server with the chat hub's surface: what OrleansChat is measured against.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSignalR();
builder.Services.AddSingleton<RoomSequences>();

var app = builder.Build();
app.MapGet("/health", () => "ok");
app.MapHub<RawChatHub>("/hubs/chat");
app.Run();
