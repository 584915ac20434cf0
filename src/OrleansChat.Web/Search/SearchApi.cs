using System.Security.Claims;
using OrleansChat.Contracts;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Limits;

namespace OrleansChat.Web.Search;

/// <summary>Full-text search of the messages of the rooms the caller may read.</summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapApiGroup("/search", "Search").MapGet("", SearchAsync).WithName("SearchMessages")
            .WithSummary("Messages that hold every word of q, newest first, in the rooms the caller may read (or in roomId); " +
                         "before=next of the previous page continues.");
        return app;
    }

    private static Task<SearchPage> SearchAsync(
        string? q, string? roomId, string? before, string? limit, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains,
        ChatAllowances allowances)
    {
        roomId = string.IsNullOrEmpty(roomId) ? null : roomId;
        before = string.IsNullOrEmpty(before) ? null : before;
        if (roomId is not null) rules.Id("roomId", roomId);
        var pageSize = rules.SearchText(q).SearchCursor(before).SearchLimit(limit);
        rules.ThrowIfInvalid();
        var reader = principal.ToChatUser();
        allowances.Searches.Take(reader.UserId);
        return grains.GetGrain<ISearchGrain>(0).Search(reader, new SearchQuery(q!.Trim(), roomId, before, pageSize));
    }
}
