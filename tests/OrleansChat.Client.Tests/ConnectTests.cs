using OrleansChat.Client.Tests.Infrastructure;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Client.Tests;

/// <summary>
/// Starting a connection keeps trying for as long as the node refuses it for a while, also when SignalR gives up on
/// every transport in one go (its negotiation let through and its upgrade then refused).
/// </summary>
public sealed class ConnectTests : IAsyncLifetime
{
    private ChatSystem _system = null!;

    // One attempt a minute from an address: a start's negotiation takes it, and its WebSocket upgrade is refused 429.
    public async Task InitializeAsync() =>
        _system = await ChatSystem.StartAsync(settings: new() { ["Chat:Limits:ConnectionAttemptsPerAddressPerMinute"] = "1" });

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_start_whose_every_transport_is_refused_keeps_trying_instead_of_throwing()
    {
        var renewal = await TokenRenewal.DevLoginAsync(_system.Web.BaseAddress, $"alice-{Guid.NewGuid():N}"[..24], "alice");
        using var counting = new NegotiationCounter(new SocketsHttpHandler());
        await using var connection = new ChatConnection(new ChatClientOptions
        {
            BaseAddress = _system.Web.BaseAddress,
            AccessToken = renewal.NextAsync,
            HttpHandler = counting,
        });
        using var stop = new CancellationTokenSource();

        var start = connection.StartAsync(stop.Token);
        // Each round negotiates at least once; on the code before, the first round's AggregateException ended the start.
        await Eventually.TrueAsync(() => counting.Negotiations >= 6 || start.IsCompleted, TimeSpan.FromSeconds(60),
            () => $"six negotiations (saw {counting.Negotiations})");
        Assert.False(start.IsFaulted, start.Exception?.ToString());

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => start);
    }

    private sealed class NegotiationCounter(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _negotiations;

        public int Negotiations => Volatile.Read(ref _negotiations);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/negotiate", StringComparison.Ordinal)) Interlocked.Increment(ref _negotiations);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
