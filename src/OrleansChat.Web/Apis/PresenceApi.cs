using OrleansChat.Contracts;

namespace OrleansChat.Web.Apis;

public static class PresenceApi
{
    public static IEndpointRouteBuilder MapPresenceApi(this IEndpointRouteBuilder app)
    {
        app.MapApiGroup("/users", "Presence")
            .MapGet("/{userId}/presence", GetPresenceAsync).WithName("GetPresence").WithSummary("A user's status and when they were last seen.");
        return app;
    }

    private static Task<PresenceChanged> GetPresenceAsync(string userId, InputRules rules, IGrainFactory grains)
    {
        rules.Id("userId", userId).ThrowIfInvalid();
        return grains.GetGrain<IUserGrain>(userId).GetPresence();
    }
}
