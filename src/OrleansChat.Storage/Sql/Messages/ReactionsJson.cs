using System.Text.Json;
using OrleansChat.Contracts;

namespace OrleansChat.Storage.Sql.Messages;

/// <summary>A message's reaction counts in its row: a JSON array of [emoji, count] in the order first given, NULL when none.</summary>
internal static class ReactionsJson
{
    public static string? Write(IReadOnlyList<Reaction>? reactions) =>
        reactions is { Count: > 0 } ? JsonSerializer.Serialize(reactions.Select(r => new object[] { r.Emoji, r.Count })) : null;

    public static IReadOnlyList<Reaction>? Read(string? json)
    {
        if (json is null) return null;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(pair => new Reaction(pair[0].GetString()!, pair[1].GetInt32())).ToArray();
    }
}
