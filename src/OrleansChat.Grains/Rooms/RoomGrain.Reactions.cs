using Microsoft.Extensions.Logging;
using OrleansChat.Contracts;
using OrleansChat.Grains.Messages;

namespace OrleansChat.Grains.Rooms;

// Who gave which reaction: read from the reactions' rows, for a batch of changes (what a toggle finds given, what each
// caller's answer says they gave) and for a reader's page (each reaction says whether the reader gave it).
public sealed partial class RoomGrain
{
    /// <summary>
    /// The reactions the batch's callers gave to the batch's messages, in one query: what a toggle finds given, and
    /// what each caller's answer says they gave (no read per request).
    /// </summary>
    private async Task<HashSet<ReactionKey>> GivenReactionsAsync(IReadOnlyList<ChangeRequest> requests)
    {
        var seqs = requests.Select(r => r.Seq).Distinct().ToArray();
        var userIds = requests.Select(r => r.Actor.UserId).Distinct(StringComparer.Ordinal).ToArray();
        return (await _changeLog.FindReactionsAsync(RoomId, seqs, userIds)).ToHashSet();
    }

    /// <summary>A message as <paramref name="userId"/> reads it, from the reactions known given.</summary>
    private static ChatMessage SeenBy(ChatMessage message, string userId, IReadOnlySet<ReactionKey> given) =>
        message.Reactions is { Count: > 0 } reactions
            ? message with { Reactions = reactions.Select(r => r with { Me = given.Contains(new ReactionKey(message.Seq, r.Emoji, userId)) }).ToArray() }
            : message;

    /// <summary>Messages as <paramref name="userId"/> reads them: each reaction says whether they gave it.</summary>
    private async Task<IReadOnlyList<ChatMessage>> WithOwnReactionsAsync(string userId, IReadOnlyList<ChatMessage> messages)
    {
        var reacted = messages.Where(m => m.Reactions is { Count: > 0 }).ToArray();
        if (reacted.Length == 0) return messages;
        IReadOnlySet<ReactionKey> own;
        try
        {
            own = await _changeLog.ReadOwnReactionsAsync(RoomId, userId, reacted[0].Seq, reacted[^1].Seq);
        }
        catch (Exception exception)
        {
            RoomMetrics.StorageFailed("read");
            _logger.LogError(exception, "Reading the reactions of {UserId} in room {RoomId} failed", userId, RoomId);
            throw ChatException.Unavailable("The message store is unavailable. Retry later.");
        }
        if (own.Count == 0) return messages;
        return messages.Select(m => SeenBy(m, userId, own)).ToArray();
    }
}
