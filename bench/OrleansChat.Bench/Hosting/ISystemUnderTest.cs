using OrleansChat.Testing;

namespace OrleansChat.Bench.Hosting;

/// <summary>A chat server the load runs against, started as real processes on loopback.</summary>
public interface ISystemUnderTest : IAsyncDisposable
{
    string Name { get; }

    /// <summary>The process that holds the WebSocket connections: its memory is the idle-memory measure.</summary>
    BuiltProcess WebNode { get; }

    Uri HubUrl => new(WebNode.BaseAddress, "/hubs/chat");

    /// <summary>An access token for the user, or null where the server needs none.</summary>
    Task<string?> SignInAsync(HttpClient http, string userId);

    /// <summary>Creates a public room that anyone may join.</summary>
    Task CreateRoomAsync(HttpClient http, string? ownerToken, string roomId);
}
