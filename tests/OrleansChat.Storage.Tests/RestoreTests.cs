using OrleansChat.Contracts;
using OrleansChat.Grains.Messages;
using OrleansChat.Storage.Sql.Messages;

namespace OrleansChat.Storage.Tests;

/// <summary>
/// Write, back up, write more, restore the backup, write again, as docs/operations.md does it on each engine. The
/// log numbers on from the backup's last seq, so the restore must begin a new epoch: a client that holds the lost
/// messages tells the new ones apart by it, and none of its seqs names another message in its epoch.
/// </summary>
[Collection(StorageEnginesCollection.Name)]
public sealed class RestoreTests(StorageEngines engines)
{
    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task A_restored_backup_begins_a_new_epoch_in_which_new_messages_follow_the_backup_and_no_held_seq_is_reused(string engine)
    {
        var database = await BackedUpDatabase.CreateAsync(engines, engine);
        var before = new SqlMessageLog(database.Open());
        var backedUp = await AppendAsync(before, "backed-up-1", "backed-up-2", "backed-up-3");
        await database.BackUpAsync();
        var lost = await AppendAsync(before, "lost-4", "lost-5");
        // What a client that saw every message holds, each under the epoch it came in.
        var held = backedUp.Concat(lost).ToDictionary(m => (m.Epoch, m.Seq));

        await database.RestoreAsync();
        var after = new SqlMessageLog(database.Open());
        var written = await AppendAsync(after, "new-4", "new-5", "new-6");

        var epoch = await after.GetEpochAsync();
        Assert.NotEqual(lost[0].Epoch, epoch);
        Assert.Equal([4L, 5L, 6L], written.Select(m => m.Seq));
        Assert.Equal(
            backedUp.Select(m => m with { Epoch = epoch }).Concat(written),
            await after.ReadRangeAsync("room", 1, await after.GetLastSeqAsync("room")));
        Assert.All(written, m => Assert.False(held.ContainsKey((m.Epoch, m.Seq)), $"seq {m.Seq} of epoch {m.Epoch} was held already"));
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task Every_process_reads_the_same_epoch_until_a_restore(string engine)
    {
        var database = await BackedUpDatabase.CreateAsync(engines, engine);
        var first = await new SqlMessageLog(database.Open()).GetEpochAsync();
        var second = await new SqlMessageLog(database.Open()).GetEpochAsync();
        await database.BackUpAsync();
        await database.RestoreAsync();

        var restored = await new SqlMessageLog(database.Open()).GetEpochAsync();

        Assert.Equal(first, second);
        Assert.NotEqual(first, restored);
    }

    private static async Task<ChatMessage[]> AppendAsync(SqlMessageLog log, params string[] clientMessageIds)
    {
        var drafts = clientMessageIds
            .Select(id => new MessageDraft($"m-{Guid.NewGuid():N}", id, "alice", "Alice", MessageKind.Text, $"text of {id}", SentAt))
            .ToArray();
        var outcomes = await log.AppendAsync("room", await log.GetLastSeqAsync("room"), drafts);
        return outcomes.Select(o => o.Message).ToArray();
    }
}
