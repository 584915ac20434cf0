using OrleansChat.Contracts;
using static OrleansChat.Grains.Tests.ChatClusterFixture;

namespace OrleansChat.Grains.Tests.Moderation;

/// <summary>A group room owned by Alice, with Mo its moderator and Bob and Carol members; and an admin of no site.</summary>
public sealed record ModeratedRoom(IRoomGrain Room, ChatUser Alice, ChatUser Mo, ChatUser Bob, ChatUser Carol)
{
    public static readonly ChatUser Admin = new("admin-of-all", "Ada", UserRole.Admin);

    public static async Task<ModeratedRoom> CreateAsync(ChatClusterFixture fixture, RoomVisibility visibility = RoomVisibility.Private)
    {
        var (alice, mo, bob, carol) = (User("Alice"), User("Mo"), User("Bob"), User("Carol"));
        var room = await fixture.CreateRoomAsync(alice, visibility, mo, bob, carol);
        await room.SetMemberRole(alice, mo.UserId, MemberRole.Moderator);
        return new ModeratedRoom(room, alice, mo, bob, carol);
    }

    public string RoomId => Room.GetPrimaryKeyString();

    /// <summary>Everything moderation could change: each member's role and mute, the bans, and the room's last seq.</summary>
    public async Task<string> StateAsync()
    {
        var described = await Room.Describe(Alice.UserId);
        var bans = await Room.ListBans(Alice);
        return string.Join(",", described.Members!.OrderBy(m => m.UserId).Select(m => $"{m.UserId}:{m.Role}:{m.MutedUntil}"))
            + $" bans:{string.Join(",", bans.Select(b => b.UserId))} lastSeq:{described.LastSeq}";
    }

    /// <summary>The texts of the room's system messages, oldest first.</summary>
    public async Task<string[]> SystemMessagesAsync()
    {
        var page = await Room.GetMessages(Alice.UserId, new HistoryQuery(null, null, 200));
        return [.. page.Messages.Where(m => m.Kind == MessageKind.System).Select(m => m.Text)];
    }

    public async Task<Member> MemberAsync(ChatUser user) => (await Room.Describe(Alice.UserId)).Members!.Single(m => m.UserId == user.UserId);
}
