using System.Text.Json;

namespace OrleansChat.Storage.Sql.Messages;

/// <summary>The members a message mentions, in its row: a JSON array of user ids, NULL when none.</summary>
internal static class MentionsJson
{
    public static string? Write(IReadOnlyList<string>? mentions) => mentions is { Count: > 0 } ? JsonSerializer.Serialize(mentions) : null;

    public static IReadOnlyList<string>? Read(string? json) => json is null ? null : JsonSerializer.Deserialize<string[]>(json);
}
