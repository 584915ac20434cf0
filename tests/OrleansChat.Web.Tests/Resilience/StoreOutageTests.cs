using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using OrleansChat.Grains.Persistence;
using OrleansChat.Testing.Faults;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Resilience;

/// <summary>
/// A room whose store cannot be read when it activates (the database driver throws its own exception, as Npgsql does
/// when its pool is exhausted) answers "unavailable" over REST and the hub, never 500, and works once the store is back:
/// whether its log cannot be read or its state (which Orleans' storage bridge hands on wrapped in an exception of its own).
/// </summary>
public sealed class StoreOutageTests : IAsyncLifetime
{
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Theory]
    [InlineData("log")]
    [InlineData("state")]
    public async Task A_room_that_cannot_read_its_store_when_it_activates_answers_unavailable_and_works_once_the_store_is_back(string what)
    {
        var alice = await _system.SignInAsync("alice");
        var live = await alice.ConnectAsync();
        var (restRoom, hubRoom) = ($"outage-{what}-rest", $"outage-{what}-hub");
        string Key(string roomId) => what == "log" ? PlannedFaults.Activation(roomId) : PlannedFaults.StateRead($"room/{roomId}");
        _ = PlannedFaults.Plan(Key(restRoom), Fault.DatabaseDown);
        _ = PlannedFaults.Plan(Key(hubRoom), Fault.DatabaseDown);

        using var refused = await alice.PostAsync("/api/rooms", new { roomId = restRoom, name = "Outage", visibility = "public" });
        var joinRefused = await Assert.ThrowsAsync<HubException>(() => live.JoinRoomAsync(hubRoom));

        // The store's own refusal, not some other outage's: each planned fault was reached.
        Assert.Equal(0, PlannedFaults.Pending(Key(restRoom)) + PlannedFaults.Pending(Key(hubRoom)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(StoreLoading.UnavailableMessage, problem.GetProperty("detail").GetString());
        Assert.EndsWith($"HubException: unavailable: {StoreLoading.UnavailableMessage}", joinRefused.Message);
        using var created = await alice.PostAsync("/api/rooms", new { roomId = restRoom, name = "Outage", visibility = "public" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ack = await live.SendAsync(restRoom, "m1", "the store is back");
        Assert.Equal(1, ack.Seq);
    }
}
