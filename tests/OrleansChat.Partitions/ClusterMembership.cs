using Npgsql;

namespace OrleansChat.Partitions;

/// <summary>
/// The silos as Orleans' membership table lists them (address, generation, status), read over PostgreSQL's Unix
/// socket: printed when a fault is healed, to show whether the cluster had declared a cut-off silo dead by then.
/// </summary>
public static class ClusterMembership
{
    /// <summary>Orleans' SiloStatus values as its ADO.NET membership stores them.</summary>
    private static readonly Dictionary<int, string> Statuses = new()
    {
        [1] = "Created", [2] = "Joining", [3] = "Active", [4] = "ShuttingDown", [5] = "Stopping", [6] = "Dead",
    };

    public static async Task<string> DescribeAsync(string connectionString) => string.Join(", ", await ReadAsync(connectionString));

    /// <summary>Whether the silo's latest generation at this address is listed as dead.</summary>
    public static async Task<bool> IsDeadAsync(string connectionString, string address) =>
        (await ReadAsync(connectionString)).LastOrDefault(s => s.StartsWith($"{address}@", StringComparison.Ordinal))?.EndsWith(" Dead", StringComparison.Ordinal) == true;

    private static async Task<List<string>> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT address, generation, status FROM orleansmembershiptable ORDER BY address, generation", connection);
        await using var reader = await query.ExecuteReaderAsync();
        var silos = new List<string>();
        while (await reader.ReadAsync())
        {
            var status = reader.GetInt32(2);
            silos.Add($"{reader.GetString(0)}@{reader.GetInt32(1)} {Statuses.GetValueOrDefault(status, status.ToString())}");
        }
        return silos;
    }
}
