using Microsoft.AspNetCore.SignalR;

namespace OrleansChat.Client;

/// <summary>
/// Turns a hub call's refusal into a <see cref="ChatRequestException"/>. SignalR words a server HubException as
/// "An unexpected error occurred invoking 'X' on the server. HubException: word: detail"; the word follows the marker.
/// </summary>
internal static class HubRefusals
{
    private const string Marker = "HubException: ";

    public static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (HubException exception) when (Read(exception) is { } refusal)
        {
            throw refusal;
        }
    }

    public static async Task Call(Func<Task> call) => await Call(async () => { await call(); return true; });

    /// <summary>A server without the method: one of a release before it (SignalR's own words for an unknown method).</summary>
    public static bool IsUnknownMethod(HubException exception) =>
        exception.Message.EndsWith(Marker + "Method does not exist.", StringComparison.Ordinal);

    private static ChatRequestException? Read(HubException exception)
    {
        var at = exception.Message.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0) return null;
        var said = exception.Message[(at + Marker.Length)..];
        var colon = said.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) return null;
        var word = said[..colon];
        return new ChatRequestException(ErrorWords.StatusOf(word), word, said);
    }
}
