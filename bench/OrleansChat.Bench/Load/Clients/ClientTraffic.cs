namespace OrleansChat.Bench.Load.Clients;

/// <summary>
/// What the load's clients did beyond their messages: HTTP requests (negotiations, polls, sends over HTTP), and
/// joins and sends the server refused at first and that a retry carried.
/// </summary>
public sealed class ClientTraffic
{
    private long _requests;
    private int _joinRetries;
    private long _sendRetries;

    public long Requests => Interlocked.Read(ref _requests);
    public int JoinRetries => Volatile.Read(ref _joinRetries);
    public long SendRetries => Interlocked.Read(ref _sendRetries);

    public void RecordJoinRetry() => Interlocked.Increment(ref _joinRetries);
    public void RecordSendRetry() => Interlocked.Increment(ref _sendRetries);

    /// <summary>A handler that counts each request, then passes it on.</summary>
    public HttpMessageHandler Counting(HttpMessageHandler inner) => new CountingHandler(this, inner);

    private sealed class CountingHandler(ClientTraffic traffic, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref traffic._requests);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
