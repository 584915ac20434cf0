using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansChat.Client;

/// <summary>
/// The realtime connection (SignalR hub <c>/hubs/chat</c>) with the protocol's guarantees kept for the
/// application: it reconnects by itself, rejoins every room joined with the highest seq delivered and fills gaps
/// over REST, raises <see cref="MessageReceived"/> once per message in seq order per room and
/// <see cref="MessagesChanged"/> once per change in change order, and sends through an outbox that retries with
/// the same clientMessageId until acknowledged. Tokens come from the options' hook, renewed before they end.
/// </summary>
public sealed partial class ChatConnection : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly AccessTokens _tokens;
    private readonly ConcurrentDictionary<string, JoinedRoom> _rooms = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeSpan _requestTimeout;
    private readonly TimeProvider _time;
    private int _restarting;
    private Task? _renewing;

    public ChatConnection(ChatClientOptions options)
    {
        Api = new ChatApi(options);
        _tokens = Api.Tokens;
        _requestTimeout = options.RequestTimeout;
        _time = options.TimeProvider;
        _hub = new HubConnectionBuilder()
            .WithUrl(new Uri(options.BaseAddress, "/hubs/chat"), http =>
            {
                http.AccessTokenProvider = async () => await _tokens.CurrentAsync(_stopping.Token);
                if (options.HttpHandler is { } handler) http.HttpMessageHandlerFactory = _ => handler;
            })
            .AddJsonProtocol(json => ChatJson.Configure(json.PayloadSerializerOptions))
            .WithAutomaticReconnect(new EndlessRetry())
            .Build();
        _hub.Reconnecting += _ => { Raise(Reconnecting); return Task.CompletedTask; };
        // Not awaited: SignalR may hold incoming messages until the handler returns, and rejoining waits for answers.
        _hub.Reconnected += connectionId => { _ = RejoinAllAsync(); return Task.CompletedTask; };
        _hub.Closed += error => { _ = RestartAsync(); return Task.CompletedTask; };
        ListenToHub();
    }

    /// <summary>The REST API with the same tokens.</summary>
    public ChatApi Api { get; }

    public HubConnectionState State => _hub.State;

    /// <summary>The rooms joined, which every reconnect joins again.</summary>
    public IReadOnlyCollection<string> Rooms => [.. _rooms.Keys];

    /// <summary>Connects, retrying with backoff until the hub answers (or <paramref name="cancellationToken"/> ends).</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        await ConnectAsync(linked.Token);
        _renewing ??= RenewTokensAsync(_stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _hub.DisposeAsync();
        if (_renewing is not null) await _renewing;
        Api.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Starts the hub connection, retrying transient failures; a 401 asks the hook for a new token first.</summary>
    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _hub.StartAsync(cancellationToken);
                return;
            }
            catch (HttpRequestException exception) when (exception.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                await _tokens.RenewAsync(await _tokens.CurrentAsync(cancellationToken), cancellationToken);
            }
            catch (Exception exception) when (Transient.Is(exception, cancellationToken))
            {
                await Task.Delay(Backoff.Delay(attempt), _time, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The connection closed for good in SignalR's eyes (its token ended, or the server closed it): connect again,
    /// with a renewed token, and rejoin, as a reconnect would.
    /// </summary>
    private async Task RestartAsync()
    {
        if (_stopping.IsCancellationRequested || Interlocked.Exchange(ref _restarting, 1) == 1) return;
        try
        {
            Raise(Reconnecting);
            await ConnectAsync(_stopping.Token);
            await RejoinAllAsync();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Disposed meanwhile.
        }
        finally
        {
            Volatile.Write(ref _restarting, 0);
        }
    }

    /// <summary>Asks the hook for a fresh token before the current one ends, so REST calls and the next connect never carry a stale one.</summary>
    private async Task RenewTokensAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var wait = _tokens.RenewAt - _time.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait < TimeSpan.FromHours(1) ? wait : TimeSpan.FromHours(1), _time, cancellationToken);
                await _tokens.CurrentAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (Transient.Is(exception, cancellationToken))
            {
                // The hook's service is unreachable: the next use, or 401, asks again.
                await Task.Delay(TimeSpan.FromSeconds(1), _time, CancellationToken.None);
            }
        }
    }
}
