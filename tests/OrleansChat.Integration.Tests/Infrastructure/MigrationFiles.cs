namespace OrleansChat.Integration.Tests.Infrastructure;

/// <summary>The versions of the repository's PostgreSQL migrations (<c>0001_chat</c>, ...), in order.</summary>
public static class MigrationFiles
{
    public static string[] Postgres =>
    [
        .. Directory.GetFiles(RepositoryFiles.PathOf("src/OrleansChat.Storage/Migrations/Postgres"), "*.sql")
            .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!,
    ];
}
