using OrleansChat.Contracts;

namespace OrleansChat.Grains.Support.Desk;

// Stored as JSON: renaming these types or properties breaks stored desks.
public sealed class SupportDeskState
{
    /// <summary>Open conversations: a resolved one is in the archive only (<see cref="ISupportArchive"/>).</summary>
    public Dictionary<string, SupportConversation> Conversations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The status history and pages of each open conversation.</summary>
    public Dictionary<string, SupportTrail> Trails { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Agents who have worked this desk, by id, with their display names.</summary>
    public Dictionary<string, string> Agents { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Agents available for new conversations, as last told; checked against their presence when the desk
    /// activates, so that a restart neither forgets the agents at work nor trusts ones who left meanwhile.
    /// </summary>
    public HashSet<string> Available { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Conversations whose visitor's message (by seq) the bot was asked to answer, until the desk hears the answer:
    /// asked again when the desk activates, in case the bot's silo went down meanwhile.
    /// </summary>
    public Dictionary<string, AwaitedAnswer> AwaitedAnswers { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The visitor's message the bot is answering, and when the desk asked.</summary>
public sealed record AwaitedAnswer(long VisitorSeq, DateTimeOffset AskedAt);
