using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace OrleansChat.AppHost.Tests;

/// <summary>Alice creates a room and adds Bob; both join over SignalR; Alice sends; returns the message as Bob receives it live.</summary>
internal static class MessageExchange
{
    public static async Task<JsonElement> RunAsync(ChatAppClient alice, ChatAppClient bob, string roomId, CancellationToken cancellationToken)
    {
        (await alice.Http.PostAsJsonAsync("/api/rooms", new { roomId, name = roomId }, cancellationToken)).EnsureSuccessStatusCode();
        (await alice.Http.PostAsJsonAsync($"/api/rooms/{roomId}/members", new { userId = "bob" }, cancellationToken)).EnsureSuccessStatusCode();
        var received = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        bob.Hub.On<JsonElement>("MessageReceived", message => received.TrySetResult(message));
        await alice.Hub.StartAsync(cancellationToken);
        await bob.Hub.StartAsync(cancellationToken);
        await alice.Hub.InvokeAsync<JsonElement>("JoinRoom", roomId, null, cancellationToken);
        await bob.Hub.InvokeAsync<JsonElement>("JoinRoom", roomId, null, cancellationToken);
        await alice.Hub.InvokeAsync<JsonElement>("SendMessage", roomId, "c-1", "hello from alice", cancellationToken);
        return await received.Task.WaitAsync(cancellationToken);
    }
}
