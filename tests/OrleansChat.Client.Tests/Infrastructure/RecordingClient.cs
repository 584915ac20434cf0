namespace OrleansChat.Client.Tests.Infrastructure;

/// <summary>
/// A signed-in user's <see cref="ChatConnection"/> to a web node, as an application would hold it, recording what
/// the connection delivered (messages, changes) and how often it asked for a token, for the test to check.
/// </summary>
public sealed class RecordingClient : IAsyncDisposable
{
    private readonly List<ChatMessage> _messages = [];
    private readonly List<MessageChange> _changes = [];
    private readonly string _name;
    private int _tokenRequests;

    private RecordingClient(ChatConnection connection, string userId, string name)
    {
        Connection = connection;
        UserId = userId;
        _name = name;
        connection.MessageReceived += message => { lock (_messages) _messages.Add(message); };
        connection.MessagesChanged += changes => { lock (_changes) _changes.AddRange(changes); };
    }

    public ChatConnection Connection { get; }
    public ChatApi Api => Connection.Api;
    public string UserId { get; }

    public IReadOnlyList<ChatMessage> Messages
    {
        get { lock (_messages) return [.. _messages]; }
    }

    public IReadOnlyList<MessageChange> Changes
    {
        get { lock (_changes) return [.. _changes]; }
    }

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>Signs a new user in on <paramref name="node"/> (development login) and connects.</summary>
    public static Task<RecordingClient> ConnectAsync(Uri node, string name) =>
        ConnectAsUserAsync(node, $"{name}-{Guid.NewGuid():N}"[..24], name);

    /// <summary>The same user signed in and connected again, as on a second device.</summary>
    public Task<RecordingClient> AnotherDeviceAsync(Uri node) => ConnectAsUserAsync(node, UserId, _name);

    /// <summary>Signs the user <paramref name="userId"/> in on <paramref name="node"/> (development login) and connects.</summary>
    public static async Task<RecordingClient> ConnectAsUserAsync(Uri node, string userId, string name)
    {
        var renewal = await TokenRenewal.DevLoginAsync(node, userId, name);
        RecordingClient? client = null;
        var connection = new ChatConnection(new ChatClientOptions
        {
            BaseAddress = node,
            AccessToken = cancellationToken =>
            {
                Interlocked.Increment(ref client!._tokenRequests);
                return renewal.NextAsync(cancellationToken);
            },
        });
        client = new RecordingClient(connection, userId, name);
        await connection.StartAsync();
        return client;
    }

    /// <summary>Waits until the connection delivered at least <paramref name="count"/> messages.</summary>
    public Task WaitForMessagesAsync(int count, TimeSpan? patience = null) =>
        Eventually.TrueAsync(() => Messages.Count >= count, patience ?? TimeSpan.FromSeconds(60),
            () => $"{count} messages; delivered: {string.Join(",", Messages.Select(m => m.Seq))}");

    public Task WaitForChangesAsync(int count, TimeSpan? patience = null) =>
        Eventually.TrueAsync(() => Changes.Count >= count, patience ?? TimeSpan.FromSeconds(60),
            () => $"{count} changes; delivered: {string.Join(",", Changes.Select(c => c.ChangeSeq))}");

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
