using OrleansChat.Contracts;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Moderation;

namespace OrleansChat.Web.Hubs;

// Moderation over the hub: the same calls, rules and answers as ModerationApi's endpoints.
public sealed partial class ChatHub
{
    public async Task<Member> SetMemberRole(string roomId, string userId, string role)
    {
        rules.Id("roomId", roomId).Id("userId", userId).AssignableRole(role, out var parsed).ThrowIfInvalid();
        await allowances.Messages.TakeAsync(Caller.UserId);
        return await Room(roomId).SetMemberRole(Caller, userId, parsed);
    }

    public async Task<Member> MuteMember(string roomId, string userId, long seconds)
    {
        rules.Id("roomId", roomId).Id("userId", userId).MuteSeconds(seconds).ThrowIfInvalid();
        await allowances.Messages.TakeAsync(Caller.UserId);
        return await Room(roomId).MuteMember(Caller, userId, TimeSpan.FromSeconds(seconds));
    }

    public async Task UnmuteMember(string roomId, string userId)
    {
        rules.Id("roomId", roomId).Id("userId", userId).ThrowIfInvalid();
        await allowances.Messages.TakeAsync(Caller.UserId);
        await Room(roomId).UnmuteMember(Caller, userId);
    }

    public async Task<RoomBan> BanMember(string roomId, string userId)
    {
        rules.Id("roomId", roomId).Id("userId", userId).ThrowIfInvalid();
        await allowances.Messages.TakeAsync(Caller.UserId);
        return await Room(roomId).BanMember(Caller, await RoomsApi.KnownUserAsync(grains, userId));
    }

    public async Task UnbanMember(string roomId, string userId)
    {
        rules.Id("roomId", roomId).Id("userId", userId).ThrowIfInvalid();
        await allowances.Messages.TakeAsync(Caller.UserId);
        await Room(roomId).UnbanMember(Caller, userId);
    }
}
