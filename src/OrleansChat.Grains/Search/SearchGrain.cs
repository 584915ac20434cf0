using Microsoft.Extensions.Logging;
using OrleansChat.Contracts;
using OrleansChat.Grains.Messages;

namespace OrleansChat.Grains.Search;

/// <summary>
/// Answers searches from the database: no state, so any silo's worker may take one, and several at once (a search
/// waits on the database, not on the grain).
/// </summary>
[StatelessWorker, Reentrant]
public sealed class SearchGrain(IMessageSearch search, IMessageLog log, ILogger<SearchGrain> logger) : Grain, ISearchGrain
{
    public async Task<SearchPage> Search(ChatUser reader, SearchQuery query)
    {
        var terms = SearchTerms.Parse(query.Text) ?? throw ChatException.Invalid("Search for at least one word (letters or digits).");
        var searcher = SearchReader.For(reader);
        try
        {
            if (query.RoomId is { } roomId)
            {
                // The same answer as the room's own history gives: nothing about a room the reader may not read.
                switch (await search.ReadAccessAsync(roomId, searcher))
                {
                    case RoomReadAccess.Unknown: throw ChatException.NotFound($"Room '{roomId}' does not exist.");
                    case RoomReadAccess.Refused: throw ChatException.Forbidden($"You are not a member of room '{roomId}'.");
                }
            }
            var results = await search.SearchAsync(new SearchRequest(searcher, terms, query.RoomId, query.Before, query.Limit));
            return new SearchPage(results.Hits, results.Next is not null, results.Next, await log.GetEpochAsync());
        }
        catch (Exception exception) when (exception is not ChatException)
        {
            logger.LogError(exception, "Searching failed");
            throw ChatException.Unavailable("Search is unavailable now. Retry later.");
        }
    }
}
