using System.Text.Json;
using OrleansChat.Contracts;

namespace OrleansChat.Storage.Sql.Messages;

/// <summary>A message's attachments in its row: a JSON array as sent, NULL when it carries none.</summary>
internal static class AttachmentsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string? Write(IReadOnlyList<Attachment>? attachments) =>
        attachments is { Count: > 0 } ? JsonSerializer.Serialize(attachments, Options) : null;

    public static IReadOnlyList<Attachment>? Read(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<Attachment[]>(json, Options);
}
