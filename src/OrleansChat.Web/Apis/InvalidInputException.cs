namespace OrleansChat.Web.Apis;

/// <summary>Input that breaks the protocol's limits, per field; rejected before anything is changed.</summary>
public sealed class InvalidInputException(IReadOnlyDictionary<string, string[]> errors)
    : Exception(string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
