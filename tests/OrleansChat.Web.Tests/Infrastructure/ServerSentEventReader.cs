using System.Text.Json;

namespace OrleansChat.Web.Tests.Infrastructure;

/// <summary>Reads <c>event:</c>/<c>data:</c> pairs from a text/event-stream response as they arrive.</summary>
public static class ServerSentEventReader
{
    public static async IAsyncEnumerable<(string Event, JsonElement Data)> ReadAsync(HttpResponseMessage response)
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        string? name = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) yield return (name ?? "message", JsonDocument.Parse(line["data: ".Length..]).RootElement);
        }
    }
}
