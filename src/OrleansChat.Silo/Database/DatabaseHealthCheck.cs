using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansChat.Storage.Sql;

namespace OrleansChat.Silo.Database;

/// <summary>
/// Unhealthy when the chat's database does not answer: a silo without it acknowledges no message, so orchestrators
/// and load balancers should see it (<c>/health</c> answers 503).
/// </summary>
internal sealed class DatabaseHealthCheck(IChatDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"The {database.Engine} database does not answer.", exception);
        }
    }
}
