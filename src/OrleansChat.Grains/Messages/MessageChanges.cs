using OrleansChat.Contracts;

namespace OrleansChat.Grains.Messages;

/// <summary>How a change turns a message into its next state: the rule every client applies too (see the README).</summary>
internal static class MessageChanges
{
    public static ChatMessage Apply(ChatMessage message, MessageChange change) => change.Kind switch
    {
        ChangeKind.Edited => message with { Text = change.Text ?? "", Mentions = change.Mentions, EditedAt = change.At, ChangeSeq = change.ChangeSeq },
        ChangeKind.Deleted => message with
        {
            Text = "", Attachments = null, Reactions = null, ReplyTo = null, Mentions = null, EditedAt = null, DeletedAt = change.At,
            ChangeSeq = change.ChangeSeq,
        },
        ChangeKind.Reaction => message with { Reactions = Count(message.Reactions, change.Emoji!, change.Count ?? 0), ChangeSeq = change.ChangeSeq },
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.Kind, null),
    };

    /// <summary>A quote of a deleted message keeps who wrote it, not what.</summary>
    public static ChatMessage WithoutExcerpt(ChatMessage reply) => reply with { ReplyTo = reply.ReplyTo! with { Excerpt = "" } };

    /// <summary>The reactions with <paramref name="emoji"/> at <paramref name="count"/>: a new emoji goes last, one at 0 goes.</summary>
    private static IReadOnlyList<Reaction>? Count(IReadOnlyList<Reaction>? reactions, string emoji, int count)
    {
        var list = reactions?.ToList() ?? [];
        var index = list.FindIndex(r => r.Emoji == emoji);
        if (count == 0)
        {
            if (index >= 0) list.RemoveAt(index);
        }
        else if (index >= 0) list[index] = list[index] with { Count = count };
        else list.Add(new Reaction(emoji, count));
        return list.Count > 0 ? list : null;
    }
}
