using OrleansChat.Contracts;
using static OrleansChat.Grains.Tests.ChatClusterFixture;

namespace OrleansChat.Grains.Tests;

/// <summary>
/// A user's presence follows the connections that exist. Each report a web node makes carries the node's version
/// of its connections, so that a heartbeat taken before a connect or disconnect never undoes it.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class PresenceTests(ChatClusterFixture fixture)
{
    [Fact]
    public async Task A_heartbeat_taken_before_a_connect_does_not_undo_it()
    {
        var ada = User("ada");
        var user = fixture.Grains.GetGrain<IUserGrain>(ada.UserId);

        await user.Connect(ada, "node-a", "c-1", version: 2);
        await user.Heartbeat("node-a", [], version: 1);

        Assert.Equal(PresenceStatus.Online, (await user.GetPresence()).Status);
    }

    [Fact]
    public async Task A_heartbeat_taken_before_a_disconnect_does_not_undo_it()
    {
        var ada = User("ada");
        var user = fixture.Grains.GetGrain<IUserGrain>(ada.UserId);

        await user.Connect(ada, "node-a", "c-1", version: 1);
        await user.Disconnect("node-a", "c-1", version: 3);
        await user.Heartbeat("node-a", ["c-1"], version: 2);

        Assert.Equal(PresenceStatus.Offline, (await user.GetPresence()).Status);
    }

    [Fact]
    public async Task A_connect_that_arrives_after_its_disconnect_leaves_the_user_offline()
    {
        var ada = User("ada");
        var user = fixture.Grains.GetGrain<IUserGrain>(ada.UserId);

        await user.Disconnect("node-a", "c-1", version: 2);
        await user.Connect(ada, "node-a", "c-1", version: 1);

        Assert.Equal(PresenceStatus.Offline, (await user.GetPresence()).Status);
    }

    [Fact]
    public async Task A_newer_heartbeat_is_the_nodes_word_for_every_connection_it_reports()
    {
        var ada = User("ada");
        var user = fixture.Grains.GetGrain<IUserGrain>(ada.UserId);

        await user.Connect(ada, "node-a", "c-1", version: 1);
        await user.Heartbeat("node-a", ["c-2"], version: 5);
        Assert.Equal(PresenceStatus.Online, (await user.GetPresence()).Status);
        await user.Heartbeat("node-a", [], version: 6);

        Assert.Equal(PresenceStatus.Offline, (await user.GetPresence()).Status);
    }
}
