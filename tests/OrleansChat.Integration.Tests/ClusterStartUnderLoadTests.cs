using System.Diagnostics;
using OrleansChat.Client;
using OrleansChat.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansChat.Integration.Tests;

/// <summary>
/// Two silos started together against a fresh database on a busy machine, as an operator's
/// <c>docker compose up</c> does: both must join, every time, with no restart policy to hide a silo that gave up.
/// </summary>
[Collection(MachineAlone.Name)]
public sealed class ClusterStartUnderLoadTests(ITestOutputHelper output)
{
    private const int Rounds = 2;

    [Fact]
    public async Task Two_silos_started_together_on_a_busy_machine_both_join_every_time()
    {
        using var busy = new BusyCores();
        for (var round = 1; round <= Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            await using var cluster = await ClusterHarness.StartPostgresAsync();
            var silos = new[] { cluster.Silo("silo1"), cluster.Silo("silo2") };
            try
            {
                await Task.WhenAll(silos.Select(silo => silo.StartAsync(TimeSpan.FromMinutes(2))));
                var active = await ActiveSilosAsync(cluster, expected: silos.Length);
                Assert.True(silos.All(silo => silo.IsRunning), "Both silos still run after joining.");
                Assert.Equal(silos.Length, active);
                await AssertRoomCallWorksAsync(cluster);
                output.WriteLine($"round {round}: both silos joined and a room call worked in {clock.Elapsed:mm\\:ss}; joins retried {RetriedJoins(silos)} time(s)");
            }
            catch (Exception failure)
            {
                throw new Xunit.Sdk.XunitException($"Round {round} of {Rounds}: {failure.Message}\n{cluster.Logs()}");
            }
        }
    }

    /// <summary>The number of Active rows once both silos are there (joining takes a few membership rounds after /health answers).</summary>
    private static async Task<int> ActiveSilosAsync(ClusterHarness cluster, int expected)
    {
        await using var connection = await DatabaseQueries.OpenAsync(cluster.SiloConnectionString);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            var active = (await connection.QueryAsync(
                $"SELECT address || ':' || port FROM orleansmembershiptable WHERE deploymentid = '{cluster.ClusterId}' AND status = 3")).Count;
            if (active >= expected || DateTime.UtcNow > deadline) return active;
            await Task.Delay(500);
        }
    }

    /// <summary>A web node in front of the new cluster creates a room and stores a message in it.</summary>
    private static async Task AssertRoomCallWorksAsync(ClusterHarness cluster)
    {
        var web = cluster.Web("web");
        await web.StartAsync(TimeSpan.FromMinutes(2));
        var tokens = await TokenRenewal.DevLoginAsync(web.BaseAddress, "alice");
        await using var alice = new ChatConnection(new ChatClientOptions { BaseAddress = web.BaseAddress, AccessToken = tokens.NextAsync });
        var room = await alice.Api.CreateRoomAsync("started under load");
        await alice.Api.SendMessageAsync(room.RoomId, "first", "both silos joined");
        Assert.Equal(["both silos joined"], (await alice.Api.GetMessagesAsync(room.RoomId, after: 0)).Messages.Select(m => m.Text));
    }

    private static int RetriedJoins(IEnumerable<OrleansChat.Testing.BuiltProcess> silos) =>
        silos.Sum(silo => silo.ReadLog().Split('\n').Count(line => line.Contains(JoinRetryLogMarker, StringComparison.Ordinal)));

    private const string JoinRetryLogMarker = "retrying its join";
}
