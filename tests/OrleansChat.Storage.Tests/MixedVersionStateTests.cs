using System.Text.Json.Nodes;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using OrleansChat.Contracts;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Support;
using OrleansChat.Grains.Support.Desk;
using OrleansChat.Storage.Sql;

namespace OrleansChat.Storage.Tests;

/// <summary>
/// A rolling upgrade: silos of this release and of a newer one share the same rows. The newer one's state has
/// members and enum values this release does not know; this release reads them without failing and its rewrites
/// keep them, as the silo wires its storage (<see cref="StateSnapshotStorage"/> over the provider, one serializer).
/// </summary>
[Collection(StorageEnginesCollection.Name)]
public sealed class MixedVersionStateTests(StorageEngines engines)
{
    private static readonly GrainId Lobby = GrainId.Create("room", "lobby");

    [Fact]
    public async Task A_room_a_newer_release_stored_keeps_its_unknown_members_and_values_through_this_releases_rewrite()
    {
        var storage = new StateSnapshotStorage(new SqlGrainStorage(await engines.CreateMigratedAsync(StorageEngines.Sqlite), TimeProvider.System),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<StateSnapshotStorage>.Instance);
        var newer = new GrainState<NewerRoomState>
        {
            State = new()
            {
                Created = true,
                Name = "Lobby",
                Kind = NewerRoomKind.Broadcast,
                PinnedMessageIds = ["m-1"],
                Members = { ["ada"] = new() { DisplayName = "Ada", Role = NewerMemberRole.Curator, Nickname = "ada99" } },
            },
        };
        await storage.WriteStateAsync("room", Lobby, newer);

        var current = new GrainState<RoomState> { State = new() };
        await storage.ReadStateAsync("room", Lobby, current);
        current.State.Name = "Renamed";
        current.State.Members["ada"].ReadSeq = 7;
        current.State.Members["bob"] = new MemberState { DisplayName = "Bob", Role = MemberRole.Member };
        await storage.WriteStateAsync("room", Lobby, current);
        var reread = new GrainState<NewerRoomState> { State = new() };
        await storage.ReadStateAsync("room", Lobby, reread);

        Assert.False(Enum.IsDefined(current.State.Kind));
        Assert.False(Enum.IsDefined(current.State.Members["ada"].Role));
        Assert.Equal(("Renamed", NewerRoomKind.Broadcast), (reread.State.Name, reread.State.Kind));
        Assert.Equal(["m-1"], reread.State.PinnedMessageIds);
        var ada = reread.State.Members["ada"];
        Assert.Equal((NewerMemberRole.Curator, "ada99", 7L), (ada.Role, ada.Nickname, ada.ReadSeq));
        Assert.Equal(NewerMemberRole.Member, reread.State.Members["bob"].Role);
    }

    [Fact]
    public void A_conversation_the_desk_replaces_with_a_changed_copy_keeps_what_a_newer_release_stored_in_it()
    {
        var serializer = new ChatStateSerializer();
        var stored = new JsonObject
        {
            ["conversations"] = new JsonObject
            {
                ["c-1"] = new JsonObject
                {
                    ["conversationId"] = "c-1", ["roomId"] = "support:c-1", ["visitorId"] = "v-1", ["visitorName"] = "Visitor",
                    ["status"] = "Escalated", ["createdAt"] = "2026-12-01T10:00:00+00:00", ["statusSince"] = "2026-12-01T10:00:00+00:00",
                    ["rating"] = 5,
                },
            },
        };

        var desk = serializer.Deserialize<SupportDeskState>(BinaryData.FromString(stored.ToJsonString()));
        var conversation = desk.Conversations["c-1"];
        desk.Conversations["c-1"] = conversation with { AgentId = "agent-1", Revision = conversation.Revision + 1 };
        var rewritten = JsonNode.Parse(serializer.Serialize(desk).ToString())!["conversations"]!["c-1"]!;

        Assert.False(Enum.IsDefined(conversation.Status));
        Assert.Equal("Escalated", rewritten["status"]!.GetValue<string>());
        Assert.Equal(5, rewritten["rating"]!.GetValue<int>());
        Assert.Equal("agent-1", rewritten["agentId"]!.GetValue<string>());
    }

    // A newer release's shapes, as they would be declared there: stored JSON names no types, so both read one row.

    private enum NewerRoomKind { Group, Direct, Support, Broadcast }

    private enum NewerMemberRole { Owner, Member, Moderator, Curator }

    private sealed class NewerRoomState
    {
        public bool Created { get; set; }
        public string Name { get; set; } = "";
        public NewerRoomKind Kind { get; set; }
        public Dictionary<string, NewerMemberState> Members { get; set; } = new(StringComparer.Ordinal);
        public List<string> PinnedMessageIds { get; set; } = [];
    }

    private sealed class NewerMemberState
    {
        public string DisplayName { get; set; } = "";
        public NewerMemberRole Role { get; set; }
        public long ReadSeq { get; set; }
        public string Nickname { get; set; } = "";
    }
}
