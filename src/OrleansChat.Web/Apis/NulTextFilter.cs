using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace OrleansChat.Web.Apis;

/// <summary>
/// Refuses U+0000 in any text an endpoint is given (body fields, query values), as invalid input naming the field.
/// PostgreSQL's text cannot store it: such a request was taken in embedded mode and failed with 5xx in a cluster, and
/// a support topic holding one jammed its desk. Hub calls are checked by <see cref="InputRules"/>.
/// </summary>
public static class NulTextFilter
{
    private const int MaxDepth = 4;

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static TBuilder RefusesNulText<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            // What the request gives: every parameter but the services the endpoint is handed.
            var services = factory.ApplicationServices.GetRequiredService<IServiceProviderIsService>();
            var given = factory.MethodInfo.GetParameters()
                .Select((parameter, index) => (Name: parameter.Name ?? "", Index: index, parameter.ParameterType))
                .Where(p => !services.IsService(p.ParameterType))
                .Select(p => (p.Name, p.Index))
                .ToArray();
            return context =>
            {
                foreach (var (name, index) in given)
                {
                    if (FieldWithNul(context.Arguments[index], name, 0) is { } field)
                    {
                        throw new InvalidInputException(new Dictionary<string, string[]> { [field] = [InputRules.NulRefused(field)] });
                    }
                }
                return next(context);
            };
        });

    /// <summary>
    /// The first field holding U+0000 in an argument: a string, a list, or one of our own request types, whose fields
    /// are named as in JSON (a body's own name is left out: <c>text</c>, <c>messages.content</c>).
    /// </summary>
    private static string? FieldWithNul(object? value, string name, int depth)
    {
        if (value is string text) return text.Contains('\0') ? name : null;
        if (value is null || depth >= MaxDepth) return null;
        if (value is IList items)
        {
            foreach (var item in items)
            {
                if (FieldWithNul(item, name, depth + 1) is { } found) return found;
            }
            return null;
        }
        if (!IsOurs(value.GetType())) return null;
        foreach (var property in Properties.GetOrAdd(value.GetType(), PropertiesToCheck))
        {
            var field = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (FieldWithNul(property.GetValue(value), depth == 0 ? field : $"{name}.{field}", depth + 1) is { } found) return found;
        }
        return null;
    }

    private static bool IsOurs(Type type) => type.Namespace?.StartsWith("OrleansChat", StringComparison.Ordinal) == true;

    private static PropertyInfo[] PropertiesToCheck(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.CanRead)];
}
