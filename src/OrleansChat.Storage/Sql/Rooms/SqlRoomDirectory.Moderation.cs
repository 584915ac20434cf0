using OrleansChat.Contracts;
using OrleansChat.Grains.Members;

namespace OrleansChat.Storage.Sql.Rooms;

// Moderation's rows: roles of members, and the room_mutes and room_bans tables (migration "moderation").
public sealed partial class SqlRoomDirectory
{
    public Task<int> SetRoleAsync(string roomId, string userId, MemberRole role, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            await using var update = connection.CreateCommand("UPDATE room_members SET role = @role WHERE room_id = @room AND user_id = @user", transaction)
                .With("@room", roomId).With("@user", userId).With("@role", Word(role));
            return await update.ExecuteNonQueryAsync(cancelled);
        }, cancellationToken);

    public async Task<RoomModeration> ReadModerationAsync(string roomId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var bans = new List<BanRecord>();
        await using (var select = connection.CreateCommand(
                         "SELECT user_id, display_name, banned_by, banned_at_ms FROM room_bans WHERE room_id = @room").With("@room", roomId))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                bans.Add(new BanRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
            }
        }
        var mutes = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await using (var select = connection.CreateCommand(
                             "SELECT user_id, muted_until_ms FROM room_mutes WHERE room_id = @room AND muted_until_ms > @now")
                         .With("@room", roomId).With("@now", now.ToUnixTimeMilliseconds()))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) mutes[reader.GetString(0)] = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1));
        }
        return new RoomModeration(bans, mutes);
    }

    public Task MuteAsync(string roomId, string userId, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            await using var upsert = connection.CreateCommand(
                    "INSERT INTO room_mutes (room_id, user_id, muted_until_ms) VALUES (@room, @user, @until) " +
                    "ON CONFLICT (room_id, user_id) DO UPDATE SET muted_until_ms = excluded.muted_until_ms", transaction)
                .With("@room", roomId).With("@user", userId).With("@until", until.ToUnixTimeMilliseconds());
            return await upsert.ExecuteNonQueryAsync(cancelled);
        }, cancellationToken);

    public Task UnmuteAsync(string roomId, string userId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            await using var delete = connection.CreateCommand("DELETE FROM room_mutes WHERE room_id = @room AND user_id = @user", transaction)
                .With("@room", roomId).With("@user", userId);
            return await delete.ExecuteNonQueryAsync(cancelled);
        }, cancellationToken);

    public Task BanAsync(string roomId, BanRecord ban, long accessRevision, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            // One transaction: a banned user is never left a member, nor a removed one unbanned.
            await using (var upsert = connection.CreateCommand(
                             "INSERT INTO room_bans (room_id, user_id, display_name, banned_by, banned_at_ms) VALUES (@room, @user, @name, @by, @at) " +
                             "ON CONFLICT (room_id, user_id) DO NOTHING", transaction)
                         .With("@room", roomId).With("@user", ban.UserId).With("@name", ban.DisplayName).With("@by", ban.BannedBy)
                         .With("@at", ban.BannedAt.ToUnixTimeMilliseconds()))
            {
                await upsert.ExecuteNonQueryAsync(cancelled);
            }
            await using (var delete = connection.CreateCommand("DELETE FROM room_members WHERE room_id = @room AND user_id = @user", transaction)
                             .With("@room", roomId).With("@user", ban.UserId))
            {
                await delete.ExecuteNonQueryAsync(cancelled);
            }
            await using var raise = connection.CreateCommand(
                    "UPDATE rooms SET access_revision = @revision WHERE room_id = @room AND access_revision < @revision", transaction)
                .With("@room", roomId).With("@revision", accessRevision);
            return await raise.ExecuteNonQueryAsync(cancelled);
        }, cancellationToken);

    public Task UnbanAsync(string roomId, string userId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            await using var delete = connection.CreateCommand("DELETE FROM room_bans WHERE room_id = @room AND user_id = @user", transaction)
                .With("@room", roomId).With("@user", userId);
            return await delete.ExecuteNonQueryAsync(cancelled);
        }, cancellationToken);
}
