using OrleansChat.Contracts;

namespace OrleansChat.Grains.Tests;

[Collection(ChatClusterCollection.Name)]
public sealed class RoomMembershipTests(ChatClusterFixture fixture)
{
    [Fact]
    public async Task Many_users_joining_a_public_room_at_once_all_become_members_and_stay_members()
    {
        var owner = ChatClusterFixture.User("owner");
        var room = await fixture.CreateRoomAsync(owner, RoomVisibility.Public);
        var joiners = Enumerable.Range(0, 40).Select(i => ChatClusterFixture.User($"joiner{i}")).ToArray();

        // Each join writes the room's state while others are in flight: the writes must queue, not collide.
        var admissions = await Task.WhenAll(joiners.Select(user => room.Join(user, afterSeq: null)));

        Assert.All(admissions, a => Assert.Equal(RoomKind.Group, a.Snapshot.Room.Kind));
        await fixture.Cluster.DeactivateAsync(room);
        var members = (await room.Describe(owner.UserId)).Members!.Select(m => m.UserId).ToHashSet();
        Assert.True(joiners.All(j => members.Contains(j.UserId)), "Every joiner is a member after the room reloads.");
        Assert.Equal(joiners.Length + 1, members.Count);
    }
}
