using OrleansChat.Contracts;

namespace OrleansChat.Testing;

/// <summary>
/// One client's copy of one room's messages, kept by the README's rules for messages that change, and written apart
/// from the server's code (which it checks): messages are kept by seq; a change is applied only when its change seq
/// is above the message's, and the highest change seq applied is the cursor; a deletion is a tombstone and empties
/// the excerpt of the replies to it; a reaction sets its emoji's count (0 removes it, a new one goes last) and, when
/// it is the reader's own, whether they reacted. It holds state only: fetching what it misses is its owner's part,
/// which it tells through <see cref="ContiguousSeq"/>, <see cref="Cursor"/> and <see cref="Misses"/>.
/// </summary>
public sealed class RoomReplica(string userId)
{
    private readonly SortedDictionary<long, ChatMessage> _messages = [];
    // Seqs of messages the replica knows to be deleted, held or not: a reply that arrives later quotes them emptily.
    private readonly HashSet<long> _deleted = [];

    /// <summary>Break one rule on purpose, to show that the tests that use the replica can fail.</summary>
    public static string? BrokenRule { get; set; } = Environment.GetEnvironmentVariable("ORLEANSCHAT_BREAK_REPLICA");

    public string UserId => userId;

    /// <summary>The highest change seq applied (or vouched for by a snapshot's <c>lastChange</c>).</summary>
    public long Cursor { get; private set; }

    /// <summary>The seq up to which the replica holds every message.</summary>
    public long ContiguousSeq
    {
        get
        {
            long seq = 0;
            while (_messages.ContainsKey(seq + 1)) seq++;
            return seq;
        }
    }

    public IReadOnlyList<ChatMessage> Messages => [.. _messages.Values];

    /// <summary>
    /// Whether a pushed change shows that changes before it were missed (the owner asks for those first): it follows on
    /// from a change after the cursor (the one before it, or in a coalesced push the one its <c>follows</c> names).
    /// </summary>
    public bool Misses(MessageChange change) => (change.Follows ?? change.ChangeSeq - 1) > Cursor;

    /// <summary>Whether a pushed message shows that messages before it were missed.</summary>
    public bool Misses(ChatMessage message) => message.Seq > ContiguousSeq + 1;

    /// <summary>
    /// A join's snapshot: its messages, and on a first join the changes its node pushed before the connection listened.
    /// Coming back (<paramref name="held"/>: the replica held the room's messages before), those changes are left to
    /// the owner's read of the changes after its old cursor, which covers them: applied first, a later change to a
    /// message held from before would make that read's earlier changes to it skip.
    /// </summary>
    public void Joined(RoomSnapshot snapshot, bool held)
    {
        Add(snapshot.Messages);
        if (!held && snapshot.Changes is { } pushedBefore) Apply(pushedBefore);
    }

    /// <summary>Keeps messages by seq; a copy that carries a later change than the one held replaces it.</summary>
    public void Add(IEnumerable<ChatMessage> messages)
    {
        foreach (var incoming in messages)
        {
            var message = incoming.DeletedAt is null && incoming.ReplyTo is { } quote && _deleted.Contains(quote.Seq)
                ? incoming with { ReplyTo = quote with { Excerpt = "" } }
                : incoming;
            if (message.DeletedAt is not null) _deleted.Add(message.Seq);
            if (_messages.TryGetValue(message.Seq, out var held) && held.ChangeSeq >= message.ChangeSeq) continue;
            _messages[message.Seq] = message;
        }
    }

    /// <summary>Applies changes (each at most once per message, by its change seq) and moves the cursor.</summary>
    public void Apply(IEnumerable<MessageChange> changes)
    {
        foreach (var change in changes) Apply(change);
    }

    /// <summary>A snapshot's <c>lastChange</c> (or a change page's), once what it covers is held.</summary>
    public void Reached(long lastChange) => Cursor = Math.Max(Cursor, lastChange);

    public void Apply(MessageChange change)
    {
        Cursor = Math.Max(Cursor, change.ChangeSeq);
        if (change.Kind == ChangeKind.Deleted && BrokenRule != "deletions")
        {
            _deleted.Add(change.Seq);
            foreach (var reply in _messages.Values.Where(m => m.ReplyTo?.Seq == change.Seq && m.ReplyTo.Excerpt != "").ToArray())
            {
                _messages[reply.Seq] = reply with { ReplyTo = reply.ReplyTo! with { Excerpt = "" } };
            }
        }
        if (!_messages.TryGetValue(change.Seq, out var message)) return;
        if (change.ChangeSeq <= message.ChangeSeq && BrokenRule != "skip") return;
        _messages[change.Seq] = change.Kind switch
        {
            ChangeKind.Edited => message with { Text = change.Text ?? "", EditedAt = change.At, ChangeSeq = change.ChangeSeq },
            ChangeKind.Deleted when BrokenRule != "deletions" => message with
            {
                Text = "", Attachments = null, Reactions = null, ReplyTo = null, EditedAt = null, DeletedAt = change.At, ChangeSeq = change.ChangeSeq,
            },
            ChangeKind.Reaction => message with { Reactions = React(message.Reactions, change), ChangeSeq = change.ChangeSeq },
            _ => message,
        };
    }

    private IReadOnlyList<Reaction>? React(IReadOnlyList<Reaction>? reactions, MessageChange change)
    {
        var list = new List<Reaction>(reactions ?? []);
        var index = list.FindIndex(r => r.Emoji == change.Emoji);
        var count = change.Count ?? 0;
        if (count == 0 && BrokenRule != "reactions")
        {
            if (index >= 0) list.RemoveAt(index);
        }
        else
        {
            var me = change.UserId == userId ? change.Reacted == true : index >= 0 && list[index].Me;
            if (index >= 0) list[index] = new Reaction(list[index].Emoji, count, me);
            else list.Add(new Reaction(change.Emoji!, count, me));
        }
        return list.Count == 0 ? null : list;
    }

    /// <summary>What a reader sees of a message, for comparing a replica with the log (reactions as text, in order).</summary>
    public static string Describe(ChatMessage m) =>
        $"#{m.Seq} by {m.SenderId} change {m.ChangeSeq}: '{m.Text}'" +
        (m.EditedAt is { } edited ? $" edited {edited.ToUnixTimeMilliseconds()}" : "") +
        (m.DeletedAt is { } deleted ? $" deleted {deleted.ToUnixTimeMilliseconds()}" : "") +
        (m.Reactions is { Count: > 0 } reactions ? " [" + string.Join(" ", reactions.Select(r => $"{r.Emoji}{r.Count}{(r.Me ? "*" : "")}")) + "]" : "") +
        (m.ReplyTo is { } quote ? $" re #{quote.Seq} '{quote.Excerpt}'" : "");
}
