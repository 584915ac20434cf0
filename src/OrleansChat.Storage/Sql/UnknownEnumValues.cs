using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansChat.Storage.Sql;

/// <summary>
/// Enums in stored state by name, tolerating names this release does not know (a newer release's new value): such a
/// name reads as a value no member of the enum has, which stands for that name in this process and is written back
/// as the name itself. Grains treat it as they treat any value they do not expect; nothing fails and nothing is lost.
/// </summary>
internal sealed class UnknownEnumValues : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<T> : JsonConverter<T> where T : struct, Enum
    {
        private static readonly Lock Lock = new();
        private static readonly Dictionary<string, T> ValueByName = new(StringComparer.Ordinal);
        private static readonly Dictionary<T, string> NameByValue = [];

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            // Numbers too, as JsonStringEnumConverter reads them: rows written before enums were stored by name.
            if (reader.TokenType == JsonTokenType.Number) return (T)Enum.ToObject(typeof(T), reader.GetInt64());
            var name = reader.GetString() ?? throw new JsonException($"A {typeof(T).Name} cannot be null.");
            return Enum.TryParse<T>(name, ignoreCase: true, out var known) && Enum.IsDefined(known) ? known : StandFor(name);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (Enum.IsDefined(value)) writer.WriteStringValue(value.ToString());
            else if (NameOf(value) is { } name) writer.WriteStringValue(name);
            else writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
        }

        /// <summary>The value standing for an unknown name: counted down from the lowest int, where no member is.</summary>
        private static T StandFor(string name)
        {
            lock (Lock)
            {
                if (ValueByName.TryGetValue(name, out var value)) return value;
                value = (T)Enum.ToObject(typeof(T), int.MinValue + ValueByName.Count);
                ValueByName[name] = value;
                NameByValue[value] = name;
                return value;
            }
        }

        private static string? NameOf(T value)
        {
            lock (Lock) return NameByValue.GetValueOrDefault(value);
        }
    }
}
