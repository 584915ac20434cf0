using Microsoft.Extensions.Logging;
using OrleansChat.Contracts;
using OrleansChat.Grains.Messages;

namespace OrleansChat.Grains.Rooms;

// Changes to stored messages: edits, deletions and reactions, numbered in the room's order of changes. Requests queue
// like sends and are checked, numbered and written a batch at a time, so a storm of reactions costs a row each and
// one transaction per batch, and two changes to one message never race.
public sealed partial class RoomGrain
{
    /// <summary>The room's latest change seq; the next change gets the one after it.</summary>
    private long _lastChange;
    private bool _resyncBeforeChange;

    /// <summary>
    /// The current state of messages older than the window that changed lately, as this activation stored it: a hot
    /// message (a storm of reactions on a pinned announcement) is not read from the log for every batch.
    /// </summary>
    private readonly Dictionary<long, ChatMessage> _changedBeyondWindow = [];
    private const int MaxChangedBeyondWindow = 256;

    /// <summary>How many different emoji one message may carry.</summary>
    public const int MaxReactionKinds = 20;

    public Task<ChangeResult> EditMessage(ChatUser actor, long seq, string text) =>
        ChangeAsync(new ChangeRequest(actor, seq, ChangeKind.Edited, Text: text.Trim()));

    public Task<ChangeResult> DeleteMessage(ChatUser actor, long seq) =>
        ChangeAsync(new ChangeRequest(actor, seq, ChangeKind.Deleted));

    public Task<ChangeResult> SetReaction(ChatUser actor, long seq, string emoji, bool reacted) =>
        ChangeAsync(new ChangeRequest(actor, seq, ChangeKind.Reaction, Emoji: emoji, Reacted: reacted));

    public async Task<ChangePage> GetChanges(string userId, long afterChange, int limit)
    {
        RequireReadable(userId);
        if (afterChange < 0) throw ChatException.Invalid("after must be 0 or more.");
        if (limit < 1) throw ChatException.Invalid("limit must be 1 or more.");
        return await ReadChangesAsync(afterChange, limit);
    }

    private async Task<ChangeResult> ChangeAsync(ChangeRequest request)
    {
        RequireMember(request.Actor.UserId);
        var outcome = await _changes.Enqueue(request);
        if (outcome.Refusal is { } refusal) throw refusal;
        return new ChangeResult(outcome.Message!, outcome.Change);
    }

    private async Task<ChangePage> ReadChangesAsync(long afterChange, int limit)
    {
        if (afterChange >= _lastChange) return new ChangePage([], false, _lastChange);
        try
        {
            var changes = await _changeLog.ReadAsync(RoomId, afterChange, limit);
            var known = changes.Where(c => c.ChangeSeq <= _lastChange).ToArray();
            return new ChangePage(known, known.Length > 0 && known[^1].ChangeSeq < _lastChange, _lastChange);
        }
        catch (Exception exception)
        {
            RoomMetrics.StorageFailed("read");
            _logger.LogError(exception, "Reading changes of room {RoomId} failed", RoomId);
            throw ChatException.Unavailable("The message store is unavailable. Retry later.");
        }
    }

    /// <summary>
    /// Appends and changes take turns, one batch at a time: a reply whose quote was taken before the message it
    /// answers was deleted, and stored while the deletion was, would otherwise keep the deleted text for good (the
    /// deletion empties the quotes already stored and in the window, the append then stores and tells the old one).
    /// </summary>
    private readonly SemaphoreSlim _storeTurn = new(1, 1);

    private async Task<T> InStoreTurnAsync<T>(Func<Task<T>> store)
    {
        await _storeTurn.WaitAsync();
        try
        {
            return await store();
        }
        finally
        {
            _storeTurn.Release();
        }
    }

    /// <summary>The drafts as they may be stored now: a quote of a message deleted since it was taken keeps who wrote it, not what.</summary>
    private async Task<IReadOnlyList<MessageDraft>> RequoteAsync(IReadOnlyList<MessageDraft> drafts)
    {
        var quoted = drafts.Where(d => d.ReplyTo is { Excerpt.Length: > 0 }).Select(d => d.ReplyTo!.Seq).ToArray();
        if (quoted.Length == 0) return drafts;
        var current = await CurrentMessagesAsync(quoted);
        return drafts.Select(d => d.ReplyTo is { } quote && current.TryGetValue(quote.Seq, out var answered) && answered.DeletedAt is not null
            ? d with { ReplyTo = quote with { Excerpt = "" } }
            : d).ToArray();
    }

    /// <summary>Checks, numbers and stores a batch of change requests, then tells the web nodes; see <see cref="MessageChanges"/>.</summary>
    private Task<IReadOnlyList<ChangeOutcome>> ApplyChangesAsync(IReadOnlyList<ChangeRequest> requests) => InStoreTurnAsync(() => ApplyChangesInTurnAsync(requests));

    private async Task<IReadOnlyList<ChangeOutcome>> ApplyChangesInTurnAsync(IReadOnlyList<ChangeRequest> requests)
    {
        var outcomes = new ChangeOutcome[requests.Count];
        var changes = new List<MessageChange>();
        ChatMessage[] changed;
        try
        {
            if (_resyncBeforeChange) await ResyncChangesAsync();
            var current = await CurrentMessagesAsync(requests.Select(r => r.Seq));
            var given = await GivenReactionsAsync(requests);
            var now = DateTimeOffset.FromUnixTimeMilliseconds(_clock.GetUtcNow().ToUnixTimeMilliseconds());
            var next = _lastChange;
            for (var i = 0; i < requests.Count; i++)
            {
                var request = requests[i];
                if (!current.TryGetValue(request.Seq, out var message))
                {
                    outcomes[i] = ChangeOutcome.Refused(ChatException.NotFound($"Room '{RoomId}' has no message {request.Seq}."));
                    continue;
                }
                if (Check(request, message) is { } refusal)
                {
                    outcomes[i] = ChangeOutcome.Refused(refusal);
                    continue;
                }
                var change = Describe(request, message, given, now);
                if (change is null)
                {
                    outcomes[i] = new ChangeOutcome(SeenBy(message, request.Actor.UserId, given), null);
                    continue;
                }
                change = change with { ChangeSeq = ++next };
                current[request.Seq] = MessageChanges.Apply(message, change);
                changes.Add(change);
                outcomes[i] = new ChangeOutcome(SeenBy(current[request.Seq], request.Actor.UserId, given), change);
            }
            if (changes.Count == 0) return outcomes;
            changed = changes.Select(c => c.Seq).Distinct().Select(seq => current[seq]).ToArray();
            await _changeLog.ApplyAsync(RoomId, changes, changed);
        }
        catch (Exception exception)
        {
            RoomMetrics.StorageFailed("change");
            // The write may or may not have landed: read the changes again before the next batch.
            _resyncBeforeChange = true;
            _logger.LogError(exception, "Storing {Count} changes to room {RoomId} failed", requests.Count, RoomId);
            throw ChatException.Unavailable("The message store is unavailable; nothing was changed. Retry later.");
        }
        _lastChange = changes[^1].ChangeSeq;
        KeepInWindow(changed, changes);
        _changePushes.Stored(changes);
        return outcomes;
    }

    /// <summary>Why a request may not be made to the message as it is now; null when it may.</summary>
    private ChatException? Check(ChangeRequest request, ChatMessage message)
    {
        var own = message.SenderId == request.Actor.UserId;
        switch (request.Kind)
        {
            case ChangeKind.Edited:
                if (!own || message.Kind != MessageKind.Text) return ChatException.Forbidden("You can edit only your own messages.");
                if (message.DeletedAt is not null) return ChatException.Conflict($"Message {message.Seq} was deleted.");
                if (request.Text!.Length == 0 && message.Attachments is not { Count: > 0 }) return ChatException.Invalid("The message text is empty.");
                return null;
            case ChangeKind.Deleted:
                if (!own && !Moderates(request.Actor)) return ChatException.Forbidden("You can delete only your own messages.");
                return null;
            default:
                if (message.DeletedAt is not null) return ChatException.Conflict($"Message {message.Seq} was deleted.");
                var isNew = message.Reactions?.Any(r => r.Emoji == request.Emoji) != true;
                if (request.Reacted && isNew && message.Reactions?.Count >= MaxReactionKinds)
                {
                    return ChatException.Invalid($"A message carries at most {MaxReactionKinds} different reactions.");
                }
                return null;
        }
    }

    /// <summary>The change a checked request makes (its seq still to be given), or null when the message already is so.</summary>
    private MessageChange? Describe(ChangeRequest request, ChatMessage message, HashSet<ReactionKey> given, DateTimeOffset now)
    {
        var userId = request.Actor.UserId;
        switch (request.Kind)
        {
            case ChangeKind.Edited:
                return request.Text == message.Text ? null
                    : new MessageChange(RoomId, 0, message.Seq, ChangeKind.Edited, userId, now, Text: request.Text, Mentions: MentionsIn(request.Text!, userId));
            case ChangeKind.Deleted:
                return message.DeletedAt is not null ? null : new MessageChange(RoomId, 0, message.Seq, ChangeKind.Deleted, userId, now);
            default:
                var key = new ReactionKey(message.Seq, request.Emoji!, userId);
                if (!(request.Reacted ? given.Add(key) : given.Remove(key))) return null;
                var count = (message.Reactions?.FirstOrDefault(r => r.Emoji == request.Emoji)?.Count ?? 0) + (request.Reacted ? 1 : -1);
                return new MessageChange(RoomId, 0, message.Seq, ChangeKind.Reaction, userId, now, Emoji: request.Emoji, Reacted: request.Reacted,
                    Count: Math.Max(0, count));
        }
    }

    /// <summary>Owners and moderators of the room, and the site's admins, moderate it.</summary>
    private bool Moderates(ChatUser actor) =>
        _members.TryGetValue(actor.UserId, out var member) && member.Role is MemberRole.Owner or MemberRole.Moderator
        || actor.Role == UserRole.Admin && ActsForSite(actor);

    /// <summary>The current state of the stored messages with these seqs: from the window, else from the log.</summary>
    private async Task<Dictionary<long, ChatMessage>> CurrentMessagesAsync(IEnumerable<long> seqs)
    {
        var current = new Dictionary<long, ChatMessage>();
        var missing = new List<long>();
        foreach (var seq in seqs.Distinct())
        {
            if (seq < _firstSeq || seq > _lastSeq) continue;
            if (_window.TryGet(seq, out var message) || _changedBeyondWindow.TryGetValue(seq, out message)) current[seq] = message;
            else missing.Add(seq);
        }
        if (missing.Count > 0)
        {
            foreach (var message in await _changeLog.ReadMessagesAsync(RoomId, missing)) current[message.Seq] = message;
        }
        return current;
    }

    /// <summary>The window holds the messages' new state; a deletion also empties the quotes of the deleted message.</summary>
    private void KeepInWindow(IReadOnlyList<ChatMessage> changed, IReadOnlyList<MessageChange> changes)
    {
        // Bounded: a room whose changes reach many old messages reads them again rather than keeping them all.
        if (_changedBeyondWindow.Count > MaxChangedBeyondWindow) _changedBeyondWindow.Clear();
        foreach (var message in changed)
        {
            if (_window.TryGet(message.Seq, out _)) _window.Replace(message);
            else _changedBeyondWindow[message.Seq] = message;
        }
        foreach (var deleted in changes.Where(c => c.Kind == ChangeKind.Deleted))
        {
            foreach (var reply in _window.RepliesTo(deleted.Seq).ToArray()) _window.Replace(MessageChanges.WithoutExcerpt(reply));
            foreach (var reply in _changedBeyondWindow.Values.Where(m => m.ReplyTo?.Seq == deleted.Seq).ToArray())
            {
                _changedBeyondWindow[reply.Seq] = MessageChanges.WithoutExcerpt(reply);
            }
        }
    }

    /// <summary>
    /// After a write of changes that may or may not have landed: the changes it finds were stored although their
    /// callers heard of a failure, so the window takes their messages' states and the web nodes hear of them.
    /// </summary>
    private async Task ResyncChangesAsync()
    {
        var told = _lastChange;
        _changedBeyondWindow.Clear();
        var last = await _changeLog.GetLastChangeAsync(RoomId);
        _resyncBeforeChange = false;
        if (last <= told)
        {
            // Nothing landed (or a restored log numbers from a lower count): the log's count is the one to go on from.
            _lastChange = last;
            return;
        }
        var landed = await _changeLog.ReadAsync(RoomId, told, (int)(last - told));
        var seqs = landed.Select(c => c.Seq).Distinct().Where(seq => _window.TryGet(seq, out _)).ToArray();
        var states = seqs.Length > 0 ? await _changeLog.ReadMessagesAsync(RoomId, seqs) : [];
        KeepInWindow(states, landed);
        // Counted only once the window holds them: a join meanwhile must not count changes its page lacks.
        _lastChange = last;
        if (landed.Count > 0) _changePushes.Stored(landed);
    }
}
