using OrleansChat.Contracts;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Moderation;

namespace OrleansChat.Web.Hubs;

// Moderation over the hub: the same calls, rules and answers as ModerationApi's endpoints.
public sealed partial class ChatHub
{
    public Task<Member> SetMemberRole(string roomId, string userId, string role)
    {
        rules.Id("roomId", roomId).Id("userId", userId).AssignableRole(role, out var parsed).ThrowIfInvalid();
        allowances.Messages.Take(Caller.UserId);
        return Room(roomId).SetMemberRole(Caller, userId, parsed);
    }

    public Task<Member> MuteMember(string roomId, string userId, long seconds)
    {
        rules.Id("roomId", roomId).Id("userId", userId).MuteSeconds(seconds).ThrowIfInvalid();
        allowances.Messages.Take(Caller.UserId);
        return Room(roomId).MuteMember(Caller, userId, TimeSpan.FromSeconds(seconds));
    }

    public Task UnmuteMember(string roomId, string userId)
    {
        rules.Id("roomId", roomId).Id("userId", userId).ThrowIfInvalid();
        allowances.Messages.Take(Caller.UserId);
        return Room(roomId).UnmuteMember(Caller, userId);
    }

    public async Task<RoomBan> BanMember(string roomId, string userId)
    {
        rules.Id("roomId", roomId).Id("userId", userId).ThrowIfInvalid();
        allowances.Messages.Take(Caller.UserId);
        return await Room(roomId).BanMember(Caller, await RoomsApi.KnownUserAsync(grains, userId));
    }

    public Task UnbanMember(string roomId, string userId)
    {
        rules.Id("roomId", roomId).Id("userId", userId).ThrowIfInvalid();
        allowances.Messages.Take(Caller.UserId);
        return Room(roomId).UnbanMember(Caller, userId);
    }
}
