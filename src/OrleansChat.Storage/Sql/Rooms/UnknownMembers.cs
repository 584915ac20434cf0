using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OrleansChat.Storage.Sql.Rooms;

/// <summary>
/// Keeps the members of stored state that this release does not know (a newer release added them) from a read to
/// the next write, so that an older silo rewriting a row during a rolling upgrade loses nothing. Every object in
/// state gets extension data without declaring it: what was read is held beside the object it was read into, for
/// that object's life. A record copied with <c>with</c> is a new object; a stored record that is copied so declares
/// its own <c>[JsonExtensionData]</c>, which the copy carries and this leaves alone.
/// </summary>
internal static class UnknownMembers
{
    private static readonly ConditionalWeakTable<object, Dictionary<string, JsonElement>> Held = new();

    public static void Keep(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || type.Type.IsValueType || type.Properties.Any(p => p.IsExtensionData)) return;
        var unknown = type.CreateJsonPropertyInfo(typeof(Dictionary<string, JsonElement>), "$unknown");
        unknown.IsExtensionData = true;
        unknown.Get = owner => Held.TryGetValue(owner, out var members) ? members : null;
        unknown.Set = (owner, members) => Held.AddOrUpdate(owner, (Dictionary<string, JsonElement>)members!);
        type.Properties.Add(unknown);
    }
}
