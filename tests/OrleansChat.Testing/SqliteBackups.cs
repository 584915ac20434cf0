using Microsoft.Data.Sqlite;

namespace OrleansChat.Testing;

/// <summary>
/// The embedded database's backup and restore as docs/operations.md does them with the sqlite3 shell, through the
/// same SQLite calls: <c>VACUUM INTO</c> while the silo runs, and a restore through the online backup API (the shell's
/// <c>.restore</c>, which leaves no stale write-ahead log behind) followed by deleting the epoch.
/// </summary>
public static class SqliteBackups
{
    public static async Task BackUpAsync(string databasePath, string backupPath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var vacuum = connection.CreateCommand();
        vacuum.CommandText = "VACUUM INTO @backup";
        vacuum.Parameters.Add(new SqliteParameter("@backup", backupPath));
        await vacuum.ExecuteNonQueryAsync();
    }

    /// <summary>Puts the backup in the database's place; only while no silo has the database open.</summary>
    public static void Restore(string backupPath, string databasePath)
    {
        SqliteConnection.ClearAllPools();
        using var backup = new SqliteConnection($"Data Source={backupPath};Mode=ReadOnly;Pooling=False");
        using var live = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        backup.Open();
        live.Open();
        backup.BackupDatabase(live);
        // The next start begins a new epoch: the seqs handed out after the backup are not handed out again in it.
        using var forget = live.CreateCommand();
        forget.CommandText = "DELETE FROM chat_epoch";
        forget.ExecuteNonQuery();
    }
}
