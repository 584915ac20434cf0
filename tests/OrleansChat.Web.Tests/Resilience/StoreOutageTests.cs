using System.Net;
using Microsoft.AspNetCore.SignalR;
using OrleansChat.Testing.Faults;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Resilience;

/// <summary>
/// A room whose store cannot be read when it activates (the database driver throws its own exception, as Npgsql does
/// when its pool is exhausted) answers "unavailable" over REST and the hub, never 500, and works once the store is back.
/// </summary>
public sealed class StoreOutageTests : IAsyncLifetime
{
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_room_that_cannot_read_its_store_when_it_activates_answers_unavailable_and_works_once_the_store_is_back()
    {
        var alice = await _system.SignInAsync("alice");
        var live = await alice.ConnectAsync();
        _ = PlannedFaults.Plan(PlannedFaults.Activation("outage-rest"), Fault.DatabaseDown);
        _ = PlannedFaults.Plan(PlannedFaults.Activation("outage-hub"), Fault.DatabaseDown);

        using var refused = await alice.PostAsync("/api/rooms", new { roomId = "outage-rest", name = "Outage", visibility = "public" });
        var joinRefused = await Assert.ThrowsAsync<HubException>(() => live.JoinRoomAsync("outage-hub"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("unavailable", await refused.Content.ReadAsStringAsync());
        Assert.StartsWith("unavailable:", joinRefused.Message[(joinRefused.Message.IndexOf("HubException: ", StringComparison.Ordinal) + "HubException: ".Length)..]);
        using var created = await alice.PostAsync("/api/rooms", new { roomId = "outage-rest", name = "Outage", visibility = "public" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ack = await live.SendAsync("outage-rest", "m1", "the store is back");
        Assert.Equal(1, ack.Seq);
    }
}
