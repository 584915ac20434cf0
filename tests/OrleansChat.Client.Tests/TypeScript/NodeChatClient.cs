using System.Diagnostics;
using System.Text.Json.Nodes;

namespace OrleansChat.Client.Tests.TypeScript;

/// <summary>
/// One user in one room through <c>@orleanschat/client</c> under Node (live-client.mjs): the test writes commands
/// and reads back what the client told its application.
/// </summary>
public sealed class NodeChatClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly List<(long Seq, string Text)> _delivered = [];
    private readonly List<string> _errors = [];
    private readonly List<string> _states = [];
    private IReadOnlyList<string> _failures = [];
    private int _tokens;
    private int _pending;

    private NodeChatClient(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => Read(line.Data);
        _process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { Length: > 0 } error) lock (_gate) _errors.Add(error);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static async Task<NodeChatClient> StartAsync(Uri baseAddress, string userId, string roomId)
    {
        var project = await InstalledPackage.DirectoryAsync();
        var start = new ProcessStartInfo("node", ["live-client.mjs", baseAddress.ToString().TrimEnd('/'), userId, roomId])
        {
            WorkingDirectory = project,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        return new NodeChatClient(Process.Start(start) ?? throw new InvalidOperationException("Could not start node: install Node 20."));
    }

    /// <summary>Every message the client told of, in the order told (gap fills included).</summary>
    public IReadOnlyList<(long Seq, string Text)> Delivered
    {
        get { lock (_gate) return [.. _delivered]; }
    }

    /// <summary>Every connection state the client told of, in order.</summary>
    public IReadOnlyList<string> States
    {
        get { lock (_gate) return [.. _states]; }
    }

    /// <summary>How many times the application's token hook was asked.</summary>
    public int TokenRequests => Volatile.Read(ref _tokens);

    /// <summary>Messages written and not yet acknowledged.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>The errors of the outbox's failed messages, as last told.</summary>
    public IReadOnlyList<string> Failures => Volatile.Read(ref _failures);

    public string Errors
    {
        get { lock (_gate) return string.Join('\n', _errors); }
    }

    public Task SendAsync(string text) => CommandAsync(new JsonObject { ["send"] = text });

    /// <summary>Waits until <paramref name="count"/> different messages were told of.</summary>
    public Task WaitForMessagesAsync(int count) =>
        Infrastructure.Eventually.TrueAsync(() => Delivered.Select(m => m.Seq).Distinct().Count() >= count, TimeSpan.FromSeconds(60),
            () => $"{count} messages (have {Delivered.Count}; stderr: {Errors})");

    private async Task CommandAsync(JsonObject command)
    {
        await _process.StandardInput.WriteLineAsync(command.ToJsonString());
        await _process.StandardInput.FlushAsync();
    }

    private void Read(string? line)
    {
        if (string.IsNullOrEmpty(line)) return;
        var node = JsonNode.Parse(line)!;
        switch ((string?)node["event"])
        {
            case "state":
                lock (_gate) _states.Add((string)node["state"]!);
                break;
            case "token":
                Interlocked.Increment(ref _tokens);
                break;
            case "outbox":
                Volatile.Write(ref _pending, (int)node["pending"]!);
                Volatile.Write(ref _failures, [.. node["failed"]!.AsArray().Select(error => (string?)error ?? "")]);
                break;
            case "messages":
                lock (_gate)
                {
                    _delivered.AddRange(node["messages"]!.AsArray().Select(m => ((long)m!["seq"]!, (string)m["text"]!)));
                }
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await CommandAsync(new JsonObject { ["stop"] = true });
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
