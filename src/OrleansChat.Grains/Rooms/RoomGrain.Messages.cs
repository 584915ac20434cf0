using Microsoft.Extensions.Logging;
using OrleansChat.Contracts;
using OrleansChat.Grains.Messages;

namespace OrleansChat.Grains.Rooms;

// Sending, history and read cursors. A message is in the log before anyone is told of it.
public sealed partial class RoomGrain
{
    private readonly Dictionary<string, Task<AppendOutcome>> _inFlight = new(StringComparer.Ordinal);
    private long _lastSeq;
    /// <summary>The message log's epoch, which <see cref="_lastSeq"/> and every page's seqs belong to.</summary>
    private long _epoch;
    /// <summary>Where the room's history begins: the messages below it were archived.</summary>
    private long _firstSeq = 1;
    private bool _resyncBeforeAppend;

    /// <summary>The sender of assistant messages.</summary>
    public const string AssistantId = "assistant";

    public Task<SendResult> Send(ChatUser sender, string clientMessageId, string text) =>
        Post(sender, new NewMessage(clientMessageId, text, []));

    public Task<SendResult> SendWithFiles(ChatUser sender, string clientMessageId, string text, IReadOnlyList<string> fileIds, long maxTotalBytes) =>
        Post(sender, new NewMessage(clientMessageId, text, fileIds, maxTotalBytes));

    public async Task<SendResult> Post(ChatUser sender, NewMessage message)
    {
        RequireMember(sender.UserId);
        RequireNotMuted(sender.UserId);
        if (string.IsNullOrEmpty(message.ClientMessageId)) throw ChatException.Invalid("A clientMessageId is required.");
        if (message.MessagesPerMinute is { } limit) await TakeMessagePermitAsync(sender.UserId, limit);
        // Support rooms made before the room kept its visitor learn it from the visitor's first send.
        if (Room.Kind == RoomKind.Support && sender.Role == UserRole.Visitor && Room.VisitorId.Length == 0)
        {
            Room.VisitorId = sender.UserId;
            await SaveOrReloadAsync();
        }
        return await AppendOnceAsync(new Outgoing(message.ClientMessageId, sender.UserId, sender.DisplayName, MessageKind.Text, message.Text,
            message.FileIds, message.MaxFileBytes, message.ReplyTo));
    }

    /// <summary>
    /// Takes a permit of the sender's message allowance, a call inside the cluster: asked by the web node first, it
    /// was a second round trip before every send (docs/benchmarks.md, problem 11). The room is reentrant, so other
    /// sends go on meanwhile.
    /// </summary>
    private async Task TakeMessagePermitAsync(string userId, int permitsPerMinute)
    {
        var answer = await GrainFactory.GetGrain<IAllowanceGrain>(AllowanceKeys.Of(AllowanceKeys.Messages, userId)).Take(permitsPerMinute);
        if (!answer.Granted) throw ChatException.RateLimited("Too many messages.", answer.RetryAfter);
    }

    public async Task<ChatMessage> PostAssistantMessage(ChatUser requester, string streamId, string text)
    {
        RequireMember(requester.UserId);
        RequireNotMuted(requester.UserId);
        return (await AppendOnceAsync(new Outgoing(AssistantDelta.StoredMessagePrefix + streamId, AssistantId, "Assistant", MessageKind.Assistant, text, [], 0, null))).Message;
    }

    public Task RelayAssistantDelta(ChatUser requester, AssistantDelta delta)
    {
        RequireMember(requester.UserId);
        RequireNotMuted(requester.UserId);
        Broadcast((o, revision) => o.OnAssistantDelta(revision, delta with { RoomId = RoomId }));
        return Task.CompletedTask;
    }

    /// <summary>A message on its way into the log: what a send or an assistant asked for, before it is a draft.</summary>
    private sealed record Outgoing(
        string ClientMessageId, string SenderId, string SenderName, MessageKind Kind, string Text, IReadOnlyList<string> FileIds, long MaxFileBytes,
        long? ReplyTo);

    /// <summary>Appends a message once per client message id: a repeat returns the original, as in flight or stored.</summary>
    private async Task<SendResult> AppendOnceAsync(Outgoing outgoing)
    {
        outgoing = outgoing with { Text = outgoing.Text.Trim() };
        if (outgoing.Text.Length == 0 && outgoing.FileIds.Count == 0) throw ChatException.Invalid("The message text is empty.");
        if (_window.TryFindByClientId(outgoing.ClientMessageId, out var stored)) return AsRetry(stored, outgoing);
        if (_inFlight.TryGetValue(outgoing.ClientMessageId, out var pending)) return AsRetry((await pending).Message, outgoing);

        var appended = AppendNewAsync(outgoing);
        _inFlight[outgoing.ClientMessageId] = appended;
        try
        {
            var outcome = await appended;
            return outcome.Duplicate ? AsRetry(outcome.Message, outgoing) : new SendResult(outcome.Message, false);
        }
        finally
        {
            _inFlight.Remove(outgoing.ClientMessageId);
        }
    }

    /// <summary>Claims the message's files while it is in flight, then queues it for the next batch.</summary>
    private async Task<AppendOutcome> AppendNewAsync(Outgoing outgoing)
    {
        var claimed = outgoing.FileIds.Where(id => _filesInFlight.TryAdd(id, outgoing.ClientMessageId)).ToArray();
        try
        {
            var attachments = await SendableFilesAsync(outgoing.SenderId, outgoing.ClientMessageId, outgoing.FileIds, outgoing.MaxFileBytes);
            var quote = outgoing.ReplyTo is { } answered ? await QuoteAsync(answered) : null;
            // Millisecond precision, as stored: the acknowledged message equals the one read back later.
            var sentAt = DateTimeOffset.FromUnixTimeMilliseconds(_clock.GetUtcNow().ToUnixTimeMilliseconds());
            return await _commit.Enqueue(new MessageDraft(Guid.CreateVersion7().ToString("N"), outgoing.ClientMessageId, outgoing.SenderId,
                outgoing.SenderName, outgoing.Kind, outgoing.Text, sentAt, attachments.Count > 0 ? attachments : null, quote,
                MentionsIn(outgoing.Text, outgoing.SenderId)));
        }
        finally
        {
            foreach (var fileId in claimed) _filesInFlight.Remove(fileId);
        }
    }

    /// <summary>The members (other than the sender) that a text names as <c>@userId</c>.</summary>
    private IReadOnlyList<string>? MentionsIn(string text, string senderId) =>
        MentionParser.Find(text, userId => userId != senderId && IsMember(userId));

    /// <summary>The quote of the message a reply answers, which must be a stored message of this room and not deleted.</summary>
    private async Task<MessageQuote> QuoteAsync(long seq)
    {
        Dictionary<long, ChatMessage> found;
        try
        {
            found = await CurrentMessagesAsync([seq]);
        }
        catch (Exception exception)
        {
            RoomMetrics.StorageFailed("read");
            _logger.LogError(exception, "Reading message {Seq} of room {RoomId} failed", seq, RoomId);
            throw ChatException.Unavailable("The message store is unavailable; the message was not sent. Retry with the same clientMessageId.");
        }
        if (!found.TryGetValue(seq, out var answered)) throw ChatException.NotFound($"Room '{RoomId}' has no message {seq} to reply to.");
        if (answered.DeletedAt is not null) throw ChatException.Conflict($"Message {seq} was deleted; there is nothing to reply to.");
        return MessageQuote.Of(answered);
    }

    public async Task<MessagePage> GetMessages(string userId, HistoryQuery query)
    {
        RequireReadable(userId);
        if (query.Before is not null && query.After is not null) throw ChatException.Invalid("Give before or after, not both.");
        if (query.Before is < 1) throw ChatException.Invalid("before must be 1 or more.");
        if (query.After is < 0) throw ChatException.Invalid("after must be 0 or more.");
        if (query.Limit < 1) throw ChatException.Invalid("limit must be 1 or more.");
        var page = await ReadPageAsync(query);
        return page with { Messages = await WithOwnReactionsAsync(userId, page.Messages) };
    }

    public async Task MarkRead(string userId, long seq)
    {
        RequireMember(userId);
        if (seq < 0 || seq > _lastSeq) throw ChatException.Invalid($"seq must be between 0 and the room's last seq ({_lastSeq}).");
        if (seq <= _members[userId].ReadSeq) return;
        // One row, whatever the room's size.
        await StorageOrUnavailableAsync(_directory.MarkReadAsync(RoomId, userId, seq));
        // Forward only: another MarkRead may have moved it further meanwhile, or the member may have left.
        if (_members.TryGetValue(userId, out var member) && member.ReadSeq < seq) _members[userId] = member with { ReadSeq = seq };
        Broadcast((o, revision) => o.OnReadReceipt(revision, new ReadReceipt(RoomId, userId, seq)));
    }

    /// <summary>
    /// A client message id seen before: the original message, unless it is someone else's or says something else. One
    /// changed since it was sent (edited, deleted) is no longer what the retry repeats, and is returned as it is now.
    /// </summary>
    private static SendResult AsRetry(ChatMessage original, Outgoing retry) =>
        original.SenderId != retry.SenderId ? throw ChatException.Conflict("This clientMessageId belongs to another sender's message.")
        : original.EditedAt is null && original.DeletedAt is null && (original.Text != retry.Text || original.ReplyTo?.Seq != retry.ReplyTo
                                      || !(original.Attachments?.Select(a => a.FileId) ?? []).SequenceEqual(retry.FileIds))
            ? throw ChatException.Conflict("This clientMessageId was used for a message with other text, files or reply; a retry must repeat it.")
        : new SendResult(original, Duplicate: true);

    private Task<IReadOnlyList<AppendOutcome>> AppendBatchAsync(IReadOnlyList<MessageDraft> drafts) => InStoreTurnAsync(async () =>
    {
        IReadOnlyList<AppendOutcome> outcomes;
        var started = _clock.GetTimestamp();
        try
        {
            if (_resyncBeforeAppend) await ResyncAsync();
            drafts = await RequoteAsync(drafts);
            outcomes = await _log.AppendAsync(RoomId, _lastSeq, drafts);
        }
        catch (Exception exception)
        {
            RoomMetrics.StorageFailed("append");
            // The write may or may not have landed: read the log again before the next one. Retries with
            // the same client message ids are safe either way.
            _resyncBeforeAppend = true;
            _logger.LogError(exception, "Appending {Count} messages to room {RoomId} failed", drafts.Count, RoomId);
            throw ChatException.Unavailable("The message store is unavailable; the message was not sent. Retry with the same clientMessageId.");
        }

        var added = outcomes.Where(o => !o.Duplicate).Select(o => o.Message).ToArray();
        RoomMetrics.Appended(added.Length, _clock.GetElapsedTime(started));
        if (added.Length > 0)
        {
            _lastSeq = added[^1].Seq;
            _window.Append(added);
            Tell(added);
        }
        return outcomes;
    });

    /// <summary>
    /// Reads the log again after an append that may or may not have landed. Messages it finds were stored although
    /// their senders heard of a failure: they are told now, like any other, and their senders' retries are
    /// answered as duplicates.
    /// </summary>
    private async Task ResyncAsync()
    {
        var told = _lastSeq;
        await LoadRecentMessagesAsync(CancellationToken.None);
        if (_lastSeq > told) Tell(await _log.ReadRangeAsync(RoomId, told + 1, _lastSeq));
    }

    /// <summary>
    /// What follows every stored message, however the room learned of it: the web nodes hear it, the members it
    /// mentions hear of it on all their connections, and a support room's messages reach the site's desk (webhooks,
    /// reopening, the bot, the team's answers mailed to a visitor who left).
    /// </summary>
    private void Tell(IReadOnlyList<ChatMessage> stored)
    {
        Broadcast((o, revision) => o.OnMessages(RoomId, revision, stored));
        foreach (var message in stored.Where(m => m.Mentions is not null))
        {
            var mention = new Mentioned(RoomId, Room.Name, message.Seq, message.SenderId, message.SenderName,
                MessageQuote.Of(message).Excerpt, message.SentAt);
            foreach (var userId in message.Mentions!) _ = GrainFactory.GetGrain<IUserGrain>(userId).NotifyMentioned(mention);
        }
        TellDesk(stored);
    }

    private async Task LoadRecentMessagesAsync(CancellationToken cancellationToken)
    {
        _epoch = await _log.GetEpochAsync(cancellationToken);
        _lastSeq = await _log.GetLastSeqAsync(RoomId, cancellationToken);
        _firstSeq = await _log.GetFirstSeqAsync(RoomId, cancellationToken);
        var recent = await _log.ReadRangeAsync(RoomId, Math.Max(1, _lastSeq - _options.WindowSize + 1), _lastSeq, cancellationToken);
        _window.Reset(recent, _lastSeq);
        _resyncBeforeAppend = false;
    }

    private async Task<MessagePage> ReadPageAsync(HistoryQuery query)
    {
        // The page describes the room as it was when its range was taken: appends while the log is read come after its
        // lastSeq (pushed, or topped up on a join), never between its last message and a lastSeq that said none were missing.
        var (firstSeq, lastSeq, epoch) = (_firstSeq, _lastSeq, _epoch);
        var range = HistoryRange.For(query, firstSeq, lastSeq);
        if (range.IsEmpty) return new MessagePage([], range.HasMore, lastSeq, epoch, firstSeq);
        if (!_window.TryGetRange(range.FromSeq, range.ToSeq, out var messages))
        {
            try
            {
                messages = await _log.ReadRangeAsync(RoomId, range.FromSeq, range.ToSeq);
            }
            catch (Exception exception)
            {
                RoomMetrics.StorageFailed("read");
                _logger.LogError(exception, "Reading history of room {RoomId} failed", RoomId);
                throw ChatException.Unavailable("The message store is unavailable. Retry later.");
            }
        }
        // History archived while the log was read is missing from the page: its firstSeq says so (it only moves up).
        return new MessagePage(messages, range.HasMore, lastSeq, epoch, Math.Max(firstSeq, _firstSeq));
    }
}
