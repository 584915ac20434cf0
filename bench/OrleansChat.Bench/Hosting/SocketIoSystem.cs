using System.Diagnostics;
using OrleansChat.Bench.Load.Clients;
using OrleansChat.Testing;

namespace OrleansChat.Bench.Hosting;

/// <summary>
/// What a Node team would pick instead: bench/socketio-server (socket.io 4.8, rooms, numbering and acks in memory,
/// no sign-in) as one node process. Its installed packages come from eng/bench.sh (<c>npm ci</c>).
/// </summary>
public sealed class SocketIoSystem : ISystemUnderTest
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Process _node;

    private SocketIoSystem(Process node, Uri baseAddress)
    {
        _node = node;
        BaseAddress = baseAddress;
    }

    public string Name => "socket.io";

    public Uri BaseAddress { get; }

    public ClientKind Client => ClientKind.SocketIo;

    public IReadOnlyList<int> ProcessIds => [_node.Id];

    public static async Task<SocketIoSystem> StartAsync(string logDirectory)
    {
        var directory = Path.Combine(BuiltProjects.RepositoryRoot, "bench", "socketio-server");
        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            throw new InvalidOperationException($"socket.io is not installed: run `npm ci` in {directory} (eng/bench.sh does).");
        }
        var port = FreePort.Next();
        var start = new ProcessStartInfo("node", ["--expose-gc", "server.js"])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PORT"] = port.ToString(), ["NODE_ENV"] = "production" },
        };
        var log = new StreamWriter(Path.Combine(logDirectory, "socketio-server.log"), append: true) { AutoFlush = true };
        var node = Process.Start(start) ?? throw new InvalidOperationException("Could not start node: is Node 20 installed?");
        node.OutputDataReceived += (_, line) => { if (line.Data is not null) lock (log) log.WriteLine(line.Data); };
        node.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (log) log.WriteLine(line.Data); };
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        var system = new SocketIoSystem(node, new Uri($"http://127.0.0.1:{port}"));
        await system.WaitHealthyAsync();
        return system;
    }

    /// <summary>RSS after node's own full collection (the server exposes it when started with --expose-gc).</summary>
    public async Task<long> ConnectionHolderBytesAsync()
    {
        using var response = await Http.PostAsync(new Uri(BaseAddress, "/gc"), null);
        response.EnsureSuccessStatusCode();
        await Task.Delay(TimeSpan.FromSeconds(1));
        return ProcessMemory.ResidentBytes(_node.Id);
    }

    public Task<string?> SignInAsync(HttpClient http, string userId) => Task.FromResult<string?>(null);

    public Task CreateRoomAsync(HttpClient http, string? ownerToken, string roomId) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (!_node.HasExited) _node.Kill(entireProcessTree: true);
        await _node.WaitForExitAsync();
        _node.Dispose();
    }

    private async Task WaitHealthyAsync()
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            if (_node.HasExited) throw new InvalidOperationException($"The socket.io server exited with {_node.ExitCode}; see its log.");
            try
            {
                using var response = await Http.GetAsync(new Uri(BaseAddress, "/health"));
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("The socket.io server did not answer /health within 30 s.");
    }
}
