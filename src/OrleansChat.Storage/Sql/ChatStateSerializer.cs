using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Orleans.Storage;
using OrleansChat.Storage.Sql.Rooms;

namespace OrleansChat.Storage.Sql;

/// <summary>
/// Grain state as plain JSON (no type names), in both modes: renaming a state class does not break stored data,
/// and the stored rows read well in a SQL console. Properties must keep their names. In a rolling upgrade silos of
/// two releases share the rows: members and enum values a newer release wrote survive an older one's rewrite
/// (<see cref="UnknownMembers"/>, <see cref="UnknownEnumValues"/>).
/// </summary>
public sealed class ChatStateSerializer : IGrainStorageSerializer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new UnknownEnumValues() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { UnknownMembers.Keep } },
    };

    public BinaryData Serialize<T>(T? input) => BinaryData.FromObjectAsJson(input, Json);

    public T Deserialize<T>(BinaryData input) => input.ToObjectFromJson<T>(Json)!;
}
