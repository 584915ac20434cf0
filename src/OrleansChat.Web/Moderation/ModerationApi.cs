using System.Security.Claims;
using OrleansChat.Contracts;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Limits;

namespace OrleansChat.Web.Moderation;

/// <summary>
/// Roles, mutes and bans of a room (see <c>RoomGrain.Moderation</c>). Each change posts a system message to the
/// room, so it counts against the actor's message allowance.
/// </summary>
public static class ModerationApi
{
    public sealed record SetRoleRequest(string? Role);

    public sealed record MuteRequest(string? UserId, long? Seconds);

    public sealed record BanRequest(string? UserId);

    public static IEndpointRouteBuilder MapModerationApi(this IEndpointRouteBuilder app)
    {
        var room = app.MapApiGroup("/rooms/{roomId}", "Moderation");
        room.MapPut("/members/{userId}/role", SetRoleAsync).WithName("SetMemberRole")
            .WithSummary("The owner (or an admin) makes a member a moderator or a member again; returns the member.");
        room.MapPost("/mutes", MuteAsync).WithName("MuteMember")
            .WithSummary("A moderator mutes a member for some seconds: their sends are refused until it ends; returns the member.");
        room.MapDelete("/mutes/{userId}", UnmuteAsync).WithName("UnmuteMember").WithSummary("Ends a member's mute early.")
            .Produces(StatusCodes.Status204NoContent);
        room.MapPost("/bans", BanAsync).WithName("BanMember")
            .WithSummary("A moderator bans a user: removed from the room, and kept out until unbanned.");
        room.MapDelete("/bans/{userId}", UnbanAsync).WithName("UnbanMember").WithSummary("Lifts a ban.")
            .Produces(StatusCodes.Status204NoContent);
        room.MapGet("/bans", ListBansAsync).WithName("ListBans").WithSummary("The room's bans, for its moderators.");
        return app;
    }

    private static async Task<Member> SetRoleAsync(
        string roomId, string userId, SetRoleRequest request, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains, ChatAllowances allowances)
    {
        rules.Id("roomId", roomId).Id("userId", userId).AssignableRole(request.Role, out var role).ThrowIfInvalid();
        var actor = principal.ToChatUser();
        await allowances.Messages.TakeAsync(actor.UserId);
        return await grains.GetGrain<IRoomGrain>(roomId).SetMemberRole(actor, userId, role);
    }

    private static async Task<Member> MuteAsync(
        string roomId, MuteRequest request, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains, ChatAllowances allowances)
    {
        rules.Id("roomId", roomId).Id("userId", request.UserId).MuteSeconds(request.Seconds).ThrowIfInvalid();
        var actor = principal.ToChatUser();
        await allowances.Messages.TakeAsync(actor.UserId);
        return await grains.GetGrain<IRoomGrain>(roomId).MuteMember(actor, request.UserId!, TimeSpan.FromSeconds(request.Seconds!.Value));
    }

    private static async Task<IResult> UnmuteAsync(
        string roomId, string userId, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains, ChatAllowances allowances)
    {
        rules.Id("roomId", roomId).Id("userId", userId).ThrowIfInvalid();
        var actor = principal.ToChatUser();
        await allowances.Messages.TakeAsync(actor.UserId);
        await grains.GetGrain<IRoomGrain>(roomId).UnmuteMember(actor, userId);
        return TypedResults.NoContent();
    }

    private static async Task<RoomBan> BanAsync(
        string roomId, BanRequest request, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains, ChatAllowances allowances)
    {
        rules.Id("roomId", roomId).Id("userId", request.UserId).ThrowIfInvalid();
        var actor = principal.ToChatUser();
        await allowances.Messages.TakeAsync(actor.UserId);
        return await grains.GetGrain<IRoomGrain>(roomId).BanMember(actor, await RoomsApi.KnownUserAsync(grains, request.UserId!));
    }

    private static async Task<IResult> UnbanAsync(
        string roomId, string userId, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains, ChatAllowances allowances)
    {
        rules.Id("roomId", roomId).Id("userId", userId).ThrowIfInvalid();
        var actor = principal.ToChatUser();
        await allowances.Messages.TakeAsync(actor.UserId);
        await grains.GetGrain<IRoomGrain>(roomId).UnbanMember(actor, userId);
        return TypedResults.NoContent();
    }

    private static Task<IReadOnlyList<RoomBan>> ListBansAsync(string roomId, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        rules.Id("roomId", roomId).ThrowIfInvalid();
        return grains.GetGrain<IRoomGrain>(roomId).ListBans(principal.ToChatUser());
    }
}
