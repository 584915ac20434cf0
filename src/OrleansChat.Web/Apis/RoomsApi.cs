using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using OrleansChat.Contracts;
using OrleansChat.Web.Auth;

namespace OrleansChat.Web.Apis;

/// <summary>Rooms, membership and direct rooms.</summary>
public static class RoomsApi
{
    public sealed record CreateRoomRequest(string? RoomId, string? Name, RoomVisibility? Visibility);

    public sealed record AddMemberRequest(string? UserId);

    /// <summary>Room ids the platform gives out itself: direct rooms, support rooms, support desk channels.</summary>
    private static readonly string[] ReservedPrefixes = [DirectPrefix, "support:", SupportChannel.Prefix];

    private const string DirectPrefix = "dm:";

    public static IEndpointRouteBuilder MapRoomsApi(this IEndpointRouteBuilder app)
    {
        var rooms = app.MapApiGroup("/rooms", "Rooms");
        rooms.MapGet("", ListMyRoomsAsync).WithName("ListRooms").WithSummary("The rooms the caller belongs to, with unread counts.");
        rooms.MapPost("", CreateRoomAsync).WithName("CreateRoom").WithSummary("Creates a group room owned by the caller.")
            .Produces<Room>(StatusCodes.Status201Created);
        rooms.MapGet("/{roomId}", DescribeRoomAsync).WithName("GetRoom").WithSummary("A room with its members.");
        rooms.MapPost("/{roomId}/members", AddMemberAsync).WithName("AddMember").WithSummary("Joins a public room, or adds someone as its owner.");
        rooms.MapDelete("/{roomId}/members/{userId}", RemoveMemberAsync).WithName("RemoveMember").WithSummary("Leaves a room, or removes someone as its owner.")
            .Produces(StatusCodes.Status204NoContent);

        app.MapApiGroup("/direct", "Rooms")
            .MapPost("/{userId}", OpenDirectRoomAsync).WithName("OpenDirectRoom").WithSummary("The caller's direct room with a user, created on first use.");
        return app;
    }

    private static async Task<IReadOnlyList<Room>> ListMyRoomsAsync(ClaimsPrincipal principal, IGrainFactory grains) =>
        await grains.GetGrain<IUserGrain>(principal.ToChatUser().UserId).ListRooms();

    private static async Task<IResult> CreateRoomAsync(CreateRoomRequest request, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        var roomId = request.RoomId ?? $"room-{Guid.NewGuid():N}";
        rules.Id("roomId", roomId).RoomName(request.Name)
            .Require(!ReservedPrefixes.Any(prefix => roomId.StartsWith(prefix, StringComparison.Ordinal)), "roomId",
                $"roomId may not start with {string.Join(", ", ReservedPrefixes)}: those name direct and support rooms.")
            .ThrowIfInvalid();
        var room = await grains.GetGrain<IRoomGrain>(roomId)
            .CreateGroup(principal.ToChatUser(), new NewRoom(request.Name!.Trim(), request.Visibility ?? RoomVisibility.Private));
        return TypedResults.Created($"/api/rooms/{roomId}", room);
    }

    private static Task<Room> DescribeRoomAsync(string roomId, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        rules.Id("roomId", roomId).ThrowIfInvalid();
        return grains.GetGrain<IRoomGrain>(roomId).Describe(principal.ToChatUser().UserId);
    }

    private static async Task<Room> AddMemberAsync(string roomId, AddMemberRequest? request, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        var actor = principal.ToChatUser();
        var userId = request?.UserId ?? actor.UserId;
        rules.Id("roomId", roomId).Id("userId", userId).ThrowIfInvalid();
        var member = userId == actor.UserId ? actor : await KnownUserAsync(grains, userId);
        var room = grains.GetGrain<IRoomGrain>(roomId);
        await room.AddMember(actor, member);
        return await room.Describe(actor.UserId);
    }

    private static async Task<IResult> RemoveMemberAsync(string roomId, string userId, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        rules.Id("roomId", roomId).Id("userId", userId).ThrowIfInvalid();
        await grains.GetGrain<IRoomGrain>(roomId).RemoveMember(principal.ToChatUser(), userId);
        return TypedResults.NoContent();
    }

    private static async Task<Room> OpenDirectRoomAsync(string userId, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        var caller = principal.ToChatUser();
        rules.Id("userId", userId).Require(userId != caller.UserId, "userId", "A direct room needs another user.").ThrowIfInvalid();
        var other = await KnownUserAsync(grains, userId);
        return await grains.GetGrain<IRoomGrain>(DirectRoomId(caller.UserId, userId)).EnsureDirect(caller, other);
    }

    /// <summary>A user as their profile has it; one who never signed in goes by their id until they do.</summary>
    internal static async Task<ChatUser> KnownUserAsync(IGrainFactory grains, string userId) =>
        await grains.GetGrain<IUserGrain>(userId).GetProfile() ?? new ChatUser(userId, userId, UserRole.Member);

    /// <summary>The same id for both users whoever opens it, within the room id limits whatever the user ids' length.</summary>
    public static string DirectRoomId(string first, string second)
    {
        var (low, high) = string.CompareOrdinal(first, second) < 0 ? (first, second) : (second, first);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{low}\n{high}"));
        return DirectPrefix + Convert.ToHexStringLower(hash)[..40];
    }
}
