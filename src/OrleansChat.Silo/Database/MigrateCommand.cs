using Microsoft.Extensions.Options;
using OrleansChat.Storage.Postgres;
using OrleansChat.Storage.Sql;

namespace OrleansChat.Silo.Database;

/// <summary>
/// <c>OrleansChat.Silo migrate</c>: brings the schema up to date and lets the silos' and web nodes' roles log in with
/// their passwords (<c>Chat:Database:SiloPassword</c>, <c>WebPassword</c>), then exits: 0 when done. Run it before
/// the silos of a new version start, as an admin of the database (PostgreSQL: a superuser, or a role with CREATEROLE
/// that owns the tables); running it again, or several at once, is harmless: they take turns and the later ones
/// find nothing left to do.
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    public static bool IsRequested(string[] args) => args is [Name, ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args[1..]);
        builder.Services.AddChatDatabase(builder.Configuration);
        var host = builder.Build();
        // The host, not IHost, can be disposed asynchronously, as the SQLite database's writer must be.
        await using var disposal = (IAsyncDisposable)host;
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrateCommand));
        try
        {
            await host.Services.GetRequiredService<SchemaMigrator>().MigrateAsync();
            if (host.Services.GetService<RoleLogins>() is { } logins)
            {
                var options = host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
                await logins.SetPasswordsAsync(new Dictionary<string, string?>
                {
                    [RoleLogins.SiloRole] = options.SiloPassword,
                    [RoleLogins.WebRole] = options.WebPassword,
                });
            }
            logger.LogInformation("The database is migrated");
            return 0;
        }
        catch (Exception exception)
        {
            // A migration that fails is undone as a whole: once the cause is fixed, the step can simply run again.
            logger.LogCritical(exception, "The migrate step failed");
            return 1;
        }
    }
}
