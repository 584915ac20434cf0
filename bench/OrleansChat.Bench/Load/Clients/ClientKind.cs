namespace OrleansChat.Bench.Load.Clients;

/// <summary>How the load's clients talk to a server.</summary>
public enum LoadTransport { WebSockets, ServerSentEvents, LongPolling, SocketIo, RestPolling }

/// <summary>A way of connecting, as a table column names it; REST polling reads history every <see cref="PollInterval"/>.</summary>
public sealed record ClientKind(string Name, LoadTransport Transport, TimeSpan PollInterval = default)
{
    public static ClientKind WebSockets { get; } = new("WebSockets", LoadTransport.WebSockets);
    public static ClientKind ServerSentEvents { get; } = new("Server-sent events", LoadTransport.ServerSentEvents);
    public static ClientKind LongPolling { get; } = new("Long polling", LoadTransport.LongPolling);
    public static ClientKind SocketIo { get; } = new("socket.io (WebSocket)", LoadTransport.SocketIo);

    public static ClientKind RestPolling(TimeSpan interval) => new($"REST polling every {interval.TotalSeconds:0.#} s", LoadTransport.RestPolling, interval);

    /// <summary>Whether the server can push to the client the moment something happens (typing needs it).</summary>
    public bool ServerPushes => Transport != LoadTransport.RestPolling;
}
