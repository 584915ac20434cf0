namespace OrleansChat.Contracts;

/// <summary>
/// Full-text search of the message log (key 0; a stateless worker, so every silo answers its share). The web tier
/// vouches for the reader's identity; what they may read is decided by the database query itself.
/// </summary>
public interface ISearchGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// The messages that hold every term, newest first, of the rooms <paramref name="reader"/> may read: their own,
    /// and public ones unless they are a visitor. With a room: <c>not-found</c> for a room that does not exist,
    /// <c>forbidden</c> for one they may not read. <c>invalid</c> for a query without terms or a foreign cursor.
    /// </summary>
    Task<SearchPage> Search(ChatUser reader, SearchQuery query);
}
