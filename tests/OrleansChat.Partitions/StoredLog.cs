using Npgsql;

namespace OrleansChat.Partitions;

/// <summary>
/// The message log as PostgreSQL holds it after the run. One live activation per room means each room's seqs run
/// 1, 2, 3, ... with no gap and none twice; two activations accepting sends at once would show as a gap, a seq
/// given twice, or an acknowledged seq that holds another message.
/// </summary>
public sealed class StoredLog
{
    private readonly Dictionary<(string Room, long Seq), string> _messageIds;

    private StoredLog(Dictionary<(string Room, long Seq), string> messageIds, IReadOnlyList<string> faults)
    {
        _messageIds = messageIds;
        Faults = faults;
    }

    /// <summary>Each room whose seqs are not exactly 1..N once each, with what is wrong.</summary>
    public IReadOnlyList<string> Faults { get; }

    public int Count => _messageIds.Count;

    /// <summary>Whether the log holds this message at this seq.</summary>
    public bool Holds(string room, long seq, string messageId) => _messageIds.TryGetValue((room, seq), out var stored) && stored == messageId;

    public static async Task<StoredLog> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT room_id, seq, message_id FROM messages ORDER BY room_id, seq", connection);
        await using var reader = await query.ExecuteReaderAsync();
        var messageIds = new Dictionary<(string, long), string>();
        var seqs = new Dictionary<string, List<long>>();
        while (await reader.ReadAsync())
        {
            var (room, seq) = (reader.GetString(0), reader.GetInt64(1));
            messageIds[(room, seq)] = reader.GetString(2);
            if (!seqs.TryGetValue(room, out var list)) seqs[room] = list = [];
            list.Add(seq);
        }
        var faults = seqs
            .Where(room => !room.Value.SequenceEqual(Enumerable.Range(1, room.Value.Count).Select(i => (long)i)))
            .Select(room => $"{room.Key}: {room.Value.Count} rows, seqs {room.Value.Min()}..{room.Value.Max()}, " +
                            $"{room.Value.Count - room.Value.Distinct().Count()} given twice")
            .ToList();
        return new StoredLog(messageIds, faults);
    }
}
