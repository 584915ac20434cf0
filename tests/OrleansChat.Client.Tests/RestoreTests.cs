using OrleansChat.Client.Tests.Infrastructure;
using OrleansChat.Testing;
using OrleansChat.Testing.Faults;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Client.Tests;

/// <summary>
/// A backup restored under a connected client: the room's log starts a new epoch, and the client, told by a push of it,
/// joins again and starts the room over. The room's window holds two messages, so each join's page is read from the
/// log, where the test can make a read fail.
/// </summary>
public sealed class RestoreTests
{
    [Fact]
    public async Task A_client_whose_rejoin_after_a_restore_fails_once_retries_and_delivers_the_new_epoch_whole()
    {
        await using var system = await ChatSystem.StartAsync(settings: new()
        {
            ["Chat:Rooms:WindowSize"] = "2",
            // After the silo's restart, the node subscribes again within a second and the new epoch's pushes reach Alice.
            ["Chat:Realtime:RenewPeriod"] = "00:00:01",
        });
        await using var bob = await RecordingClient.ConnectAsync(system.Nodes[0].BaseAddress, "bob");
        await using var alice = await RecordingClient.ConnectAsync(system.Nodes[0].BaseAddress, "alice");
        var room = await bob.Api.CreateRoomAsync("Restored", visibility: "public");
        await alice.Connection.JoinRoomAsync(room.RoomId);
        var restarted = new TaskCompletionSource();
        alice.Connection.RoomRestarted += _ => restarted.TrySetResult();
        for (var i = 1; i <= 3; i++) await bob.Api.SendMessageAsync(room.RoomId, $"kept-{i}", $"kept {i}");
        var backup = system.DatabasePath + ".backup";
        await SqliteBackups.BackUpAsync(system.DatabasePath, backup);
        // More than the restored log will hold by the time Alice rejoins: her first join asks past its end.
        for (var i = 4; i <= 9; i++) await bob.Api.SendMessageAsync(room.RoomId, $"lost-{i}", $"lost {i}");
        await alice.WaitForMessagesAsync(9);

        await system.Silo.StopAsync();
        SqliteBackups.Restore(backup, system.DatabasePath);
        await system.Silo.StartAsync();
        // The room activates (reading its window) before the faults are planned.
        await UntilAvailableAsync(() => bob.Api.GetRoomAsync(room.RoomId));
        var reads = PlannedFaults.Reads(room.RoomId);
        // The first join (after seq 9) reads the latest page as usual; the second, from the new epoch's start, fails.
        _ = PlannedFaults.Plan(reads, Fault.Stale);
        var failed = PlannedFaults.Plan(reads, Fault.DatabaseDown);
        for (var i = 4; !restarted.Task.IsCompleted; i++)
        {
            Assert.True(i < 24, "No push of the new epoch reached Alice.");
            // One at a time until a push of the new epoch reaches Alice (one relayed before the node subscribed again is not).
            await UntilAvailableAsync(() => bob.Api.SendMessageAsync(room.RoomId, $"new-{i}", $"new {i}"));
            await Task.WhenAny(restarted.Task, Task.Delay(TimeSpan.FromSeconds(3)));
        }
        await failed.WaitAsync(TimeSpan.FromSeconds(60));
        var after = await bob.Api.SendMessageAsync(room.RoomId, "after", "after the failed rejoin");

        await Eventually.TrueAsync(() => alice.Messages.Any(m => m.ClientMessageId == "after"), TimeSpan.FromSeconds(60),
            () => $"'after' delivered; delivered: {string.Join(",", alice.Messages.Select(m => $"{m.Epoch}/{m.Seq}"))}");
        var log = await bob.Api.GetMessagesAsync(room.RoomId, after: 0);
        var newEpoch = alice.Messages.Where(m => m.Epoch == after.Message.Epoch).ToList();
        Assert.Equal(0, PlannedFaults.Pending(reads));
        Assert.Equal(log.Messages.Select(m => m.ClientMessageId), newEpoch.Select(m => m.ClientMessageId));
    }

    /// <summary>As an application does while the silo starts: retries what it is told is unavailable.</summary>
    private static async Task<T> UntilAvailableAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (ChatRequestException unavailable) when (unavailable.IsTransient && attempt < 120)
            {
                await Task.Delay(250);
            }
        }
    }
}
