using Microsoft.AspNetCore.SignalR;

namespace OrleansChat.Web.Tests.Infrastructure;

/// <summary>
/// Makes a web node stand in for one of an earlier release, for clients that must still work with it: the hub methods
/// named in the setting <see cref="Setting"/> (comma-separated) are refused in SignalR's words for a method it lacks.
/// </summary>
public sealed class EarlierRelease(IReadOnlySet<string> missing) : IHubFilter
{
    public const string Setting = "Test:HubMethodsOfLaterReleases";

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next) =>
        missing.Contains(context.HubMethodName) ? throw new HubException("Method does not exist.") : next(context);
}
