using OrleansChat.Contracts;

namespace OrleansChat.Web.Realtime;

/// <summary>
/// A push of changes as connections that take them coalesced receive it (the <c>coalesced-changes</c> feature): a
/// storm of reactions to a message reaches them as the few changes that hold its result rather than every change,
/// which would cost each listener a parse per reaction. What a client holds after applying the coalesced push is
/// what it would hold after the whole one, from any state the push's changes find its messages in. Kept:
/// <list type="bullet">
/// <item>every edit and deletion;</item>
/// <item>every reaction of a user listening on this node, whose <c>me</c> it sets;</item>
/// <item>every reaction that adds an emoji to a message or takes it off: a message's emoji are in the order each was
/// last added;</item>
/// <item>the last reaction of each emoji on each message, which holds its count.</item>
/// </list>
/// A kept change that does not directly follow the one before it (or the last change relayed before the push) names
/// that one in <c>follows</c>: the changes between them are reactions whose results the push holds from there on.
/// </summary>
internal static class CoalescedChanges
{
    public static IReadOnlyList<MessageChange> Of(IReadOnlyList<MessageChange> changes, long relayedBefore, IReadOnlySet<string> listeners)
    {
        var lastOfEmoji = new Dictionary<(long Seq, string? Emoji), long>();
        foreach (var change in changes)
        {
            if (change.Kind == ChangeKind.Reaction) lastOfEmoji[(change.Seq, change.Emoji)] = change.ChangeSeq;
        }
        var kept = new List<MessageChange>();
        var previous = relayedBefore;
        foreach (var change in changes)
        {
            if (!Keeps(change)) continue;
            kept.Add(change.ChangeSeq == previous + 1 ? change : change with { Follows = previous });
            previous = change.ChangeSeq;
        }
        return kept;

        bool Keeps(MessageChange change) =>
            change.Kind != ChangeKind.Reaction
            || listeners.Contains(change.UserId)
            || change.Count == 0
            || change is { Reacted: true, Count: 1 }
            || lastOfEmoji[(change.Seq, change.Emoji)] == change.ChangeSeq;
    }
}
