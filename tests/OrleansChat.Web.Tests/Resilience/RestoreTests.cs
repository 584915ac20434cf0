using Microsoft.AspNetCore.SignalR;
using OrleansChat.Contracts;
using OrleansChat.Testing;
using OrleansChat.Web.Tests.Infrastructure;
using static OrleansChat.Web.Tests.Infrastructure.ChatTestClient;

namespace OrleansChat.Web.Tests.Resilience;

/// <summary>
/// Write, back up, write more, restore the backup, write again, with members connected throughout and the web node
/// running on while the silo stops for the restore (docs/operations.md). The new messages reuse seqs the members
/// saw before; the log's epoch tells them apart.
/// </summary>
public sealed class RestoreTests
{
    [Fact]
    public async Task A_member_who_saw_messages_a_restore_lost_starts_over_in_the_new_epoch_and_misses_no_new_message()
    {
        // Renewals every second: after the silo's restart, live delivery resumes within one.
        await using var system = await ChatSystem.StartAsync(settings: new() { ["Chat:Realtime:RenewPeriod"] = "00:00:01" });
        await using var pair = await system.RoomPairAsync("Restored");
        var roomId = pair.Room.RoomId;
        var backup = system.DatabasePath + ".backup";
        await SendAllAsync(pair.AliceLive, roomId, "kept-1", "kept-2", "kept-3");
        await SqliteBackups.BackUpAsync(system.DatabasePath, backup);
        await SendAllAsync(pair.AliceLive, roomId, "lost-4", "lost-5");
        var seen = new List<ChatMessage>();
        for (var i = 0; i < 5; i++) seen.Add(await NextAsync(pair.BobLive.Messages));

        await system.Silo.StopAsync();
        SqliteBackups.Restore(backup, system.DatabasePath);
        await system.Silo.StartAsync();
        // Alice rejoins from the last seq she saw, past the restored log's end: the latest page, in the new epoch.
        var rejoined = await WhileTheSiloStartsAsync(() => pair.AliceLive.JoinRoomAsync(roomId, afterSeq: 5));
        // Bob's gap fill from there, over REST: the same latest page.
        var filled = await pair.Bob.GetAsync<MessagePage>($"/api/rooms/{roomId}/messages?after=5");
        // Seqs 4 and 5 again, which Bob's node relayed in the old epoch.
        await SendAllAsync(pair.AliceLive, roomId, "new-4", "new-5");
        // Bob hears of the new epoch by a push and starts over: what he holds of the old one names nothing now.
        var firstNew = await NextAsync(pair.BobLive.Messages, m => m.Epoch != seen[0].Epoch);
        var startedOver = await pair.BobLive.JoinRoomAsync(roomId);
        var afterStartingOver = await pair.AliceLive.SendAsync(roomId, "new-6", "text of new-6");
        var pushedLater = await NextAsync(pair.BobLive.Messages, m => m.Seq == afterStartingOver.Seq);
        var history = await pair.Bob.GetAsync<MessagePage>($"/api/rooms/{roomId}/messages");

        Assert.All(seen, m => Assert.Equal(seen[0].Epoch, m.Epoch));
        Assert.NotEqual(seen[0].Epoch, rejoined.Epoch);
        Assert.Equal(["kept-1", "kept-2", "kept-3"], rejoined.Messages.Select(m => m.ClientMessageId));
        Assert.Equal(rejoined.Messages, filled.Messages);
        Assert.Equal((rejoined.Epoch, 3L), (filled.Epoch, filled.LastSeq));
        Assert.Equal(rejoined.Epoch, firstNew.Epoch);
        Assert.Equal(rejoined.Epoch, startedOver.Epoch);
        Assert.Equal(["kept-1", "kept-2", "kept-3", "new-4", "new-5"], startedOver.Messages.Select(m => m.ClientMessageId));
        Assert.Equal((6L, rejoined.Epoch), (afterStartingOver.Seq, afterStartingOver.Epoch));
        Assert.Equal("new-6", pushedLater.ClientMessageId);
        Assert.Equal([.. startedOver.Messages, pushedLater], history.Messages);
        Assert.Equal(rejoined.Epoch, history.Epoch);
    }

    /// <summary>As a client does while the web node reconnects to the restarted silo: retries what it is told is unavailable.</summary>
    private static async Task<T> WhileTheSiloStartsAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (HubException unavailable) when (HubErrors.Of(unavailable).StartsWith("unavailable:", StringComparison.Ordinal) && attempt < 120)
            {
                await Task.Delay(250);
            }
        }
    }

    private static async Task SendAllAsync(LiveConnection live, string roomId, params string[] clientMessageIds)
    {
        foreach (var id in clientMessageIds) await live.SendAsync(roomId, id, $"text of {id}");
    }
}
