using System.Data.Common;

namespace OrleansChat.Storage.Sql.Messages;

/// <summary>
/// The epoch of the message log in <c>chat_epoch</c>, read once per process. Seqs restart below what clients hold
/// after a restore, so every message, page and snapshot names the epoch its seqs belong to. No row means a new
/// epoch begins (a fresh database, or one restored with the documented procedure): the first process to ask
/// writes its time in Unix milliseconds, which differs from every epoch before it, and concurrent first askers
/// all read the one row that won. Cached for the process's life: a restore happens with the silos stopped.
/// </summary>
internal sealed class MessageLogEpoch(IChatDatabase database)
{
    private long _epoch;

    public async ValueTask<long> GetAsync(CancellationToken cancellationToken)
    {
        var known = Volatile.Read(ref _epoch);
        if (known != 0) return known;
        var epoch = await database.WriteAsync(ReadOrBeginAsync, cancellationToken);
        Volatile.Write(ref _epoch, epoch);
        return epoch;
    }

    private static async Task<long> ReadOrBeginAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using (var begin = connection.CreateCommand("INSERT INTO chat_epoch (id, epoch) VALUES (1, @epoch) ON CONFLICT (id) DO NOTHING", transaction))
        {
            await begin.With("@epoch", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()).ExecuteNonQueryAsync(cancellationToken);
        }
        await using var read = connection.CreateCommand("SELECT epoch FROM chat_epoch WHERE id = 1", transaction);
        return Convert.ToInt64(await read.ExecuteScalarAsync(cancellationToken));
    }
}
