using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Web.Hubs;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Support;

/// <summary>
/// Every event a hub connection receives, whatever its name (each of <see cref="IChatClient"/>'s), as raw JSON: to
/// assert that some text never reached a connection by any event. A handler registered before this one decides the
/// arguments' types (the client binds by the first), so each is serialized back to JSON as it came.
/// </summary>
public sealed class AllEvents
{
    private readonly ConcurrentQueue<string> _received = new();

    public AllEvents(HubConnection hub)
    {
        foreach (var method in typeof(IChatClient).GetMethods())
        {
            var parameters = method.GetParameters().Select(_ => typeof(JsonElement)).ToArray();
            hub.On(method.Name, parameters, (arguments, _) =>
            {
                _received.Enqueue($"{method.Name}: {string.Join(", ", arguments.Select(a => JsonSerializer.Serialize(a, ChatTestClient.Json)))}");
                return Task.CompletedTask;
            }, state: this);
        }
    }

    public IReadOnlyList<string> Received => [.. _received];
}
