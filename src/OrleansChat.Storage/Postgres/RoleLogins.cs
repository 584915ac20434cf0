using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansChat.Storage.Sql;

namespace OrleansChat.Storage.Postgres;

/// <summary>
/// Lets the roles that processes connect as log in, with the passwords the migrate step was given. The migrations
/// create the roles without passwords, so that no secret is ever in a SQL file. Setting a password again changes it.
/// </summary>
public sealed class RoleLogins(NpgsqlDataSource dataSource, ILogger<RoleLogins> logger)
{
    public const string SiloRole = "chat_silo";
    public const string WebRole = "chat_web";

    /// <summary>Sets each role's password and LOGIN; a role without a password is left as it is.</summary>
    public async Task SetPasswordsAsync(IReadOnlyDictionary<string, string?> passwords, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Under the schema lock: concurrent changes of one role fail ("tuple concurrently updated") rather than wait.
        await using var transaction = await PostgresDatabase.BeginSchemaLockedAsync(connection, cancellationToken);
        foreach (var (role, password) in passwords)
        {
            if (string.IsNullOrEmpty(password))
            {
                logger.LogWarning("No password for the role {Role}: it keeps the one it has, or cannot log in", role);
                continue;
            }
            // ALTER ROLE takes no parameters: the server quotes the name and the verifier into the statement.
            await using var format = connection.CreateCommand("SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', @role, @verifier)", transaction)
                .With("@role", role).With("@verifier", ScramVerifier.For(password));
            var statement = (string)(await format.ExecuteScalarAsync(cancellationToken))!;
            await using var alter = connection.CreateCommand(statement, transaction);
            await alter.ExecuteNonQueryAsync(cancellationToken);
            logger.LogInformation("The role {Role} logs in with the password it was given", role);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
