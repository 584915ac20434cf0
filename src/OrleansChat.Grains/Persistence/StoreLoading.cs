using Microsoft.Extensions.Logging;
using OrleansChat.Contracts;

namespace OrleansChat.Grains.Persistence;

/// <summary>
/// A grain that cannot read what it needs from its store when it activates fails its activation with
/// <c>unavailable</c>, which every caller understands and retries. The store's own exception (Npgsql's, SQLite's)
/// would not even reach the caller: Orleans carries only exception types it knows, so the web tier would see a codec
/// failure and answer 500.
/// </summary>
public static class StoreLoading
{
    public const string UnavailableMessage = "The store is unavailable. Retry later.";

    public static async Task LoadAsync(Func<Task> load, ILogger logger, string grain)
    {
        try
        {
            await load();
        }
        catch (Exception exception) when (exception is not ChatException)
        {
            logger.LogError(exception, "Activating {Grain} failed: its store could not be read", grain);
            throw ChatException.Unavailable(UnavailableMessage);
        }
    }
}
