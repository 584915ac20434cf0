using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansChat.Web.Apis;

/// <summary>The protocol's JSON: camelCase names, enums as camelCase words, absent values left out.</summary>
public static class ChatJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    }
}
