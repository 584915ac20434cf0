using OrleansChat.Contracts;

namespace OrleansChat.Grains.Support.Desk;

/// <summary>
/// What the desk keeps of an open conversation beside it, for the archive: every status it went through and the
/// newest pages the visitor came from. Stored as JSON in the desk's state: renaming breaks stored desks.
/// </summary>
public sealed class SupportTrail
{
    /// <summary>Pages kept per conversation: enough to see where a visitor has been, bounded like the rest of the state.</summary>
    public const int MaxPages = 20;

    public List<SupportStatusChange> History { get; set; } = [];

    public List<PageVisit> Pages { get; set; } = [];

    public static SupportTrail Of(SupportRecord record) => new() { History = [.. record.History], Pages = [.. record.Pages] };

    /// <summary>A page the visitor opened the chat from; the same page again is not a new visit.</summary>
    public void Visited(string page, DateTimeOffset at)
    {
        if (Pages.Count > 0 && Pages[^1].Page == page) return;
        Pages.Add(new PageVisit(page, at));
        if (Pages.Count > MaxPages) Pages.RemoveRange(0, Pages.Count - MaxPages);
    }
}
