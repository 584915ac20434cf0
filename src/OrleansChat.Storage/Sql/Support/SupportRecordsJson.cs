using System.Text.Json;
using OrleansChat.Contracts;

namespace OrleansChat.Storage.Sql.Support;

/// <summary>
/// The JSON columns of a support conversation's row: labels as an array of strings, the history as
/// <c>[status, agentId, atMs]</c> triples and the pages as <c>[address, atMs]</c> pairs.
/// </summary>
internal static class SupportRecordsJson
{
    public static string WriteLabels(IReadOnlyList<string>? labels) => JsonSerializer.Serialize(labels ?? []);

    public static IReadOnlyList<string>? ReadLabels(string json)
    {
        var labels = JsonSerializer.Deserialize<string[]>(json) ?? [];
        return labels.Length == 0 ? null : labels;
    }

    public static string WriteHistory(IReadOnlyList<SupportStatusChange> history) =>
        JsonSerializer.Serialize(history.Select(h => new object?[] { SupportStatusNames.Of(h.Status), h.AgentId, h.At.ToUnixTimeMilliseconds() }));

    public static IReadOnlyList<SupportStatusChange> ReadHistory(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(h => new SupportStatusChange(
                SupportStatusNames.Parse(h[0].GetString()!),
                h[1].ValueKind == JsonValueKind.Null ? null : h[1].GetString(),
                DateTimeOffset.FromUnixTimeMilliseconds(h[2].GetInt64())))
            .ToArray();
    }

    public static string WritePages(IReadOnlyList<PageVisit> pages) =>
        JsonSerializer.Serialize(pages.Select(p => new object[] { p.Page, p.At.ToUnixTimeMilliseconds() }));

    public static IReadOnlyList<PageVisit> ReadPages(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(p => new PageVisit(p[0].GetString()!, DateTimeOffset.FromUnixTimeMilliseconds(p[1].GetInt64())))
            .ToArray();
    }
}

/// <summary>How a support status is spelled in the table (as the protocol spells it).</summary>
internal static class SupportStatusNames
{
    public static string Of(SupportStatus status) => status.ToString().ToLowerInvariant();

    public static SupportStatus Parse(string name) =>
        Enum.TryParse<SupportStatus>(name, ignoreCase: true, out var status) ? status : throw new InvalidDataException($"Unknown support status '{name}'.");
}
