using OrleansChat.Bench.Load.Clients;
using OrleansChat.Testing;

namespace OrleansChat.Bench.Hosting;

/// <summary>The baseline: the raw single-process SignalR server; no sign-in, rooms exist on first join.</summary>
public sealed class RawSystem : ISystemUnderTest
{
    private readonly BuiltProcess _server;

    private RawSystem(BuiltProcess server) => _server = server;

    public string Name => "Raw SignalR";

    public Uri BaseAddress => _server.BaseAddress;

    public ClientKind Client => ClientKind.WebSockets;

    public IReadOnlyList<int> ProcessIds => [_server.ProcessId];

    public static async Task<RawSystem> StartAsync(string logDirectory)
    {
        var server = BuiltProjects.Start("raw-server", "OrleansChat.Bench.RawServer", new Dictionary<string, string>(), logDirectory);
        await server.StartAsync();
        return new RawSystem(server);
    }

    public Task<long> ConnectionHolderBytesAsync() => _server.ResidentBytesAfterGcAsync();

    public Task<string?> SignInAsync(HttpClient http, string userId) => Task.FromResult<string?>(null);

    public Task CreateRoomAsync(HttpClient http, string? ownerToken, string roomId) => Task.CompletedTask;

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
