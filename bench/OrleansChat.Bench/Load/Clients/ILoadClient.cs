namespace OrleansChat.Bench.Load.Clients;

/// <summary>
/// One connection of the load, whatever carries it: opened, it has joined its room; it sends with an
/// acknowledgement and hands every message text it receives to the load's counters.
/// </summary>
public interface ILoadClient : IAsyncDisposable
{
    /// <summary>Completes once the server acknowledged the message; throws when it refused or could not be reached.</summary>
    Task SendAsync(string roomId, string clientMessageId, string text);
}

/// <summary>What a load client reports: each message text it received, and that the server closed it.</summary>
public sealed record LoadClientEvents(Action<string> Received, Action Closed);
