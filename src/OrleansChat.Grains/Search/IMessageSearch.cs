using OrleansChat.Contracts;

namespace OrleansChat.Grains.Search;

/// <summary>
/// Full-text search over the message log, kept in step with it by the database (appends, edits, deletions and
/// archiving alike). Who may read what is part of every query, so that a room's text never leaves the database
/// for a reader who may not read it.
/// </summary>
public interface IMessageSearch
{
    /// <summary>Whether <paramref name="reader"/> may read the room, by the same rule the search applies.</summary>
    Task<RoomReadAccess> ReadAccessAsync(string roomId, SearchReader reader, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <see cref="SearchRequest.Limit"/> hits newest first, and the cursor after the last of them when there
    /// are more. Throws <see cref="ChatException"/> (invalid) for a cursor this search did not hand out.
    /// </summary>
    Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default);
}

/// <summary>Who searches: a member reads their rooms; <see cref="ReadsPublicRooms"/> adds every public room.</summary>
public sealed record SearchReader(string UserId, bool ReadsPublicRooms)
{
    /// <summary>As <c>RoomGrain</c> decides it: anyone but a site's visitor may read a public room.</summary>
    public static SearchReader For(ChatUser user) =>
        new(user.UserId, ReadsPublicRooms: user.Role != UserRole.Visitor && !ChatUser.IsVisitorId(user.UserId));
}

public enum RoomReadAccess { Unknown, Refused, Readable }

/// <summary>One page's worth of a search; <see cref="Before"/> is a cursor handed out by an earlier page.</summary>
public sealed record SearchRequest(SearchReader Reader, SearchTerms Terms, string? RoomId, string? Before, int Limit);

/// <summary>The hits, and the cursor for the page after them (null when there is none).</summary>
public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, string? Next);
