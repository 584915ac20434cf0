using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansChat.Client;

/// <summary>The protocol's JSON: camelCase, absent values left out, unknown fields ignored (the protocol only adds).</summary>
internal static class ChatJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return options;
    }
}
