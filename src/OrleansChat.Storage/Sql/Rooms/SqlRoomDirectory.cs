using System.Data.Common;
using OrleansChat.Contracts;
using OrleansChat.Grains.Members;

namespace OrleansChat.Storage.Sql.Rooms;

/// <summary>
/// The <c>rooms</c> and <c>room_members</c> tables, in plain SQL that every supported engine runs; moderation's
/// <c>room_mutes</c> and <c>room_bans</c> in <c>SqlRoomDirectory.Moderation</c>.
/// </summary>
public sealed partial class SqlRoomDirectory(IChatDatabase database) : IRoomDirectory
{
    private const string MemberColumns = "user_id, display_name, role, read_seq, joined_at_ms";

    public Task CreateAsync(RoomRecord room, IReadOnlyList<MemberRecord> members, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            await using (var leftovers = connection.CreateCommand("DELETE FROM room_members WHERE room_id = @room", transaction).With("@room", room.RoomId))
            {
                await leftovers.ExecuteNonQueryAsync(cancelled);
            }
            await using (var upsert = connection.CreateCommand(
                "INSERT INTO rooms (room_id, name, kind, visibility, created_at_ms) VALUES (@room, @name, @kind, @visibility, @created) " +
                "ON CONFLICT (room_id) DO UPDATE SET name = excluded.name, kind = excluded.kind, " +
                "visibility = excluded.visibility, created_at_ms = excluded.created_at_ms", transaction))
            {
                await WithRoom(upsert, room).ExecuteNonQueryAsync(cancelled);
            }
            await InsertMembersAsync(connection, transaction, room.RoomId, members, "DO NOTHING", cancelled);
            return 0;
        }, cancellationToken);

    public Task ImportAsync(RoomRecord room, long accessRevision, IReadOnlyList<MemberRecord> members, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            // The state names a higher revision than the rows: an older silo removed someone after the rows were
            // made (a rolling upgrade). Its member list is then the newer word, and whoever it left out is out.
            await using (var stored = connection.CreateCommand("SELECT access_revision FROM rooms WHERE room_id = @room", transaction).With("@room", room.RoomId))
            {
                if (await stored.ExecuteScalarAsync(cancelled) is { } revision and not DBNull && accessRevision > Convert.ToInt64(revision))
                {
                    await DeleteMembersExceptAsync(connection, transaction, room.RoomId, members.Select(m => m.UserId).ToHashSet(StringComparer.Ordinal), cancelled);
                }
            }
            await using (var upsert = connection.CreateCommand(
                "INSERT INTO rooms (room_id, name, kind, visibility, created_at_ms, last_seq, access_revision) " +
                "VALUES (@room, @name, @kind, @visibility, @created, " +
                "(SELECT COALESCE(MAX(seq), 0) FROM messages WHERE room_id = @room), @revision) " +
                "ON CONFLICT (room_id) DO UPDATE SET access_revision = CASE WHEN excluded.access_revision > rooms.access_revision " +
                "THEN excluded.access_revision ELSE rooms.access_revision END", transaction))
            {
                await WithRoom(upsert, room).With("@revision", accessRevision).ExecuteNonQueryAsync(cancelled);
            }
            await InsertMembersAsync(connection, transaction, room.RoomId, members,
                "DO UPDATE SET read_seq = CASE WHEN excluded.read_seq > room_members.read_seq " +
                "THEN excluded.read_seq ELSE room_members.read_seq END", cancelled);
            return 0;
        }, cancellationToken);

    private static async Task DeleteMembersExceptAsync(DbConnection connection, DbTransaction transaction, string roomId, HashSet<string> kept, CancellationToken cancellationToken)
    {
        var gone = new List<string>();
        await using (var members = connection.CreateCommand("SELECT user_id FROM room_members WHERE room_id = @room", transaction).With("@room", roomId))
        await using (var reader = await members.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) if (!kept.Contains(reader.GetString(0))) gone.Add(reader.GetString(0));
        }
        foreach (var userId in gone)
        {
            await using var delete = connection.CreateCommand("DELETE FROM room_members WHERE room_id = @room AND user_id = @user", transaction)
                .With("@room", roomId).With("@user", userId);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<RoomMembership> ReadAsync(string roomId, CancellationToken cancellationToken = default)
    {
        // One round trip: the room's row, once per member (or once, with no member, for a room without any).
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
                "SELECT r.access_revision, m.user_id, m.display_name, m.role, m.read_seq, m.joined_at_ms " +
                "FROM rooms r LEFT JOIN room_members m ON m.room_id = r.room_id WHERE r.room_id = @room")
            .With("@room", roomId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var members = new List<MemberRecord>();
        long revision = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            revision = reader.GetInt64(0);
            if (reader.IsDBNull(1)) continue;
            members.Add(new MemberRecord(reader.GetString(1), reader.GetString(2), Enum.Parse<MemberRole>(reader.GetString(3), ignoreCase: true),
                reader.GetInt64(4), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
        }
        return new RoomMembership(members, revision);
    }

    public Task AddMembersAsync(string roomId, IReadOnlyList<MemberRecord> members, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            await InsertMembersAsync(connection, transaction, roomId, members, "DO NOTHING", cancelled);
            return 0;
        }, cancellationToken);

    public Task RemoveMembersAsync(string roomId, IReadOnlyList<string> userIds, long accessRevision, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            var names = string.Join(", ", userIds.Select((_, i) => $"@u{i}"));
            await using (var delete = connection.CreateCommand($"DELETE FROM room_members WHERE room_id = @room AND user_id IN ({names})", transaction))
            {
                delete.With("@room", roomId);
                for (var i = 0; i < userIds.Count; i++) delete.With($"@u{i}", userIds[i]);
                await delete.ExecuteNonQueryAsync(cancelled);
            }
            await using var raise = connection.CreateCommand(
                    "UPDATE rooms SET access_revision = @revision WHERE room_id = @room AND access_revision < @revision", transaction)
                .With("@room", roomId).With("@revision", accessRevision);
            return await raise.ExecuteNonQueryAsync(cancelled);
        }, cancellationToken);

    public Task<int> MarkReadAsync(string roomId, string userId, long seq, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            // Only forward: of two cursors that race, the higher stays.
            await using var update = connection.CreateCommand(
                    "UPDATE room_members SET read_seq = @seq WHERE room_id = @room AND user_id = @user AND read_seq < @seq", transaction)
                .With("@room", roomId).With("@user", userId).With("@seq", seq);
            return await update.ExecuteNonQueryAsync(cancelled);
        }, cancellationToken);

    public async Task<IReadOnlyList<Room>> ListRoomsAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
                "SELECT r.room_id, r.name, r.kind, r.visibility, r.created_at_ms, r.last_seq, m.read_seq, " +
                "(SELECT COUNT(*) FROM mentions x WHERE x.user_id = m.user_id AND x.room_id = m.room_id AND x.seq > m.read_seq) " +
                "FROM room_members m JOIN rooms r ON r.room_id = m.room_id WHERE m.user_id = @user")
            .With("@user", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rooms = new List<Room>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var lastSeq = reader.GetInt64(5);
            rooms.Add(new Room(reader.GetString(0), reader.GetString(1),
                Enum.Parse<RoomKind>(reader.GetString(2), ignoreCase: true), Enum.Parse<RoomVisibility>(reader.GetString(3), ignoreCase: true),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), lastSeq, UnreadCount: Math.Max(0, lastSeq - reader.GetInt64(6)),
                MentionCount: reader.GetInt64(7)));
        }
        return rooms;
    }

    public async Task<IReadOnlyList<string>> ListObservedRoomsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
                "SELECT m.room_id FROM room_members m JOIN rooms r ON r.room_id = m.room_id " +
                "WHERE m.user_id = @user AND r.observed_until_ms > @now")
            .With("@user", userId).With("@now", now.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rooms = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) rooms.Add(reader.GetString(0));
        return rooms;
    }

    public Task ObserveAsync(string roomId, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            await using var update = connection.CreateCommand("UPDATE rooms SET observed_until_ms = @until WHERE room_id = @room", transaction)
                .With("@room", roomId).With("@until", until.ToUnixTimeMilliseconds());
            return await update.ExecuteNonQueryAsync(cancelled);
        }, cancellationToken);

    /// <summary>Members a thousand to a statement: few round trips, and within every engine's limit of parameters.</summary>
    private static async Task InsertMembersAsync(
        DbConnection connection, DbTransaction transaction, string roomId, IReadOnlyList<MemberRecord> members, string onConflict, CancellationToken cancellationToken)
    {
        foreach (var chunk in members.Chunk(1000))
        {
            var rows = string.Join(", ", chunk.Select((_, i) => $"(@room, @user{i}, @name{i}, @role{i}, @read{i}, @joined{i})"));
            await using var insert = connection.CreateCommand(
                $"INSERT INTO room_members (room_id, {MemberColumns}) VALUES {rows} ON CONFLICT (room_id, user_id) {onConflict}", transaction);
            insert.With("@room", roomId);
            for (var i = 0; i < chunk.Length; i++)
            {
                var member = chunk[i];
                insert.With($"@user{i}", member.UserId).With($"@name{i}", member.DisplayName).With($"@role{i}", Word(member.Role))
                    .With($"@read{i}", member.ReadSeq).With($"@joined{i}", member.JoinedAt.ToUnixTimeMilliseconds());
            }
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static DbCommand WithRoom(DbCommand command, RoomRecord room) =>
        command.With("@room", room.RoomId).With("@name", room.Name).With("@kind", Word(room.Kind))
            .With("@visibility", Word(room.Visibility)).With("@created", room.CreatedAt.ToUnixTimeMilliseconds());

    /// <summary>Enum values as the protocol's lower-case words, which is how the migrations store them too.</summary>
    private static string Word<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLowerInvariant();
}
