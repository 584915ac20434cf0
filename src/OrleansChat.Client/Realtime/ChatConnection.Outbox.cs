using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;

namespace OrleansChat.Client;

// The outbox: a send is retried, over the hub when connected and else over REST, always with the same
// clientMessageId, so that however often it is tried the server stores it once.
public sealed partial class ChatConnection
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _sendOrder = new(StringComparer.Ordinal);

    /// <summary>
    /// Sends a message and returns once the server acknowledged it (stored, with its seq). Transient failures (no
    /// connection, a web node restarting, <c>unavailable</c>, <c>rate-limited</c>) are retried with backoff until
    /// <paramref name="cancellationToken"/> ends; refusals (<c>invalid</c>, <c>forbidden</c>, ...) throw
    /// <see cref="ChatRequestException"/>. Sends to one room are stored in the order they were made.
    /// </summary>
    public async Task<MessageAck> SendAsync(string roomId, string text, OutgoingMessage? options = null, CancellationToken cancellationToken = default)
    {
        var clientMessageId = options?.ClientMessageId ?? Guid.NewGuid().ToString("N");
        var order = _sendOrder.GetOrAdd(roomId, _ => new SemaphoreSlim(1, 1));
        await order.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return await SendOnceAsync(roomId, clientMessageId, text, options, cancellationToken);
                }
                catch (Exception exception) when (Transient.Is(exception, cancellationToken))
                {
                    var wait = exception is ChatRequestException { RetryAfter: { } retryAfter } ? retryAfter : Backoff.Delay(attempt);
                    await Task.Delay(wait, _time, cancellationToken);
                }
            }
        }
        finally
        {
            order.Release();
        }
    }

    private async Task<MessageAck> SendOnceAsync(string roomId, string clientMessageId, string text, OutgoingMessage? options, CancellationToken cancellationToken)
    {
        var fileIds = options?.FileIds ?? [];
        if (_hub.State != HubConnectionState.Connected)
        {
            var sent = await Api.SendMessageAsync(roomId, clientMessageId, text, options?.FileIds, options?.ReplyTo, cancellationToken);
            // The push of it may never come to a connection that is down: the room gets it from here.
            await UnderGateAsync(roomId, room =>
            {
                if (room.Timeline.Started) Deliver(room.Timeline.Accept([sent.Message]));
            });
            var message = sent.Message;
            return new MessageAck(message.RoomId, message.Seq, message.MessageId, message.SentAt, sent.Duplicate, message.Epoch);
        }
        // A send unanswered this long is tried again (safely: same clientMessageId), in case the connection is half-open.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_requestTimeout);
        return options?.ReplyTo is not null || fileIds.Count > 0
            ? await HubRefusals.Call(() => _hub.InvokeAsync<MessageAck>("PostMessage", roomId,
                new { clientMessageId, text, fileIds, replyTo = options?.ReplyTo }, timeout.Token))
            : await HubRefusals.Call(() => _hub.InvokeAsync<MessageAck>("SendMessage", roomId, clientMessageId, text, timeout.Token));
    }
}

/// <summary>What a send may carry beside its text.</summary>
public sealed record OutgoingMessage
{
    /// <summary>The id that makes retries safe; one is made when not given. Give your own to retry across restarts of your application.</summary>
    public string? ClientMessageId { get; init; }

    /// <summary>Uploads (<see cref="ChatApi.UploadFileAsync"/>) the message carries, up to 10.</summary>
    public IReadOnlyList<string>? FileIds { get; init; }

    /// <summary>The seq of the room's message this one answers.</summary>
    public long? ReplyTo { get; init; }
}
