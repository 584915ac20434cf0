using System.Diagnostics;
using OrleansChat.Partitions.Network;
using OrleansChat.Partitions.Traffic;
using Xunit.Abstractions;

namespace OrleansChat.Partitions;

/// <summary>
/// The guarantees when hosts, not processes, fail: PostgreSQL, three silos and two web nodes each on a host of its
/// own (<see cref="IsolatedNetwork"/>), clients on another, members of several rooms spread over both web nodes
/// sending steadily, while the network fails in the ways docs/partitions.md lists. For each fault it prints what was
/// acknowledged, lost, delivered twice or out of order and how long sends took to succeed again, and it fails on any
/// loss, duplicate, reorder, send never acknowledged, or sign of two live activations of a room (the stored log's
/// seqs not exactly 1..N per room).
/// </summary>
public sealed class PartitionTests(ITestOutputHelper output)
{
    private static readonly TrafficSettings Traffic = new(Nodes: [], Rooms: 6, MembersPerRoom: 4, SendIntervalMs: 500, AttemptTimeoutMs: 10_000);

    /// <summary>Longer than Orleans' membership should need to declare an unreachable silo dead (its defaults: three missed probes, then two votes).</summary>
    private static readonly TimeSpan SiloCutOff = TimeSpan.FromSeconds(60);

    /// <summary>How much longer the cut may last while the cluster has not yet declared the silo dead.</summary>
    private static readonly TimeSpan DeathPatience = TimeSpan.FromMinutes(3);

    private static readonly TimeSpan WebCutOff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DatabaseCutOff = TimeSpan.FromSeconds(30);

    /// <summary>Half a minute rather than the minute, to keep the run near ten minutes: every send still crosses it dozens of times.</summary>
    private static readonly TimeSpan Degraded = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(200);
    private const double Loss = 0.05;

    private static readonly TimeSpan Steady = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan AfterHealing = TimeSpan.FromSeconds(25);

    [Fact(Timeout = 20 * 60 * 1000)]
    public async Task Acknowledged_messages_survive_host_partitions_once_each_in_order_with_one_activation_per_room()
    {
        await using var cluster = await PartitionCluster.StartAsync(silos: 3, webs: 2);
        var clock = Stopwatch.StartNew();
        var phases = new List<FaultPhase>();
        try
        {
            await using var traffic = await TrafficProcess.StartAsync(cluster.ClientHost,
                Traffic with { Nodes = [.. cluster.Webs.Select(w => w.BaseAddress.ToString())] }, TimeSpan.FromMinutes(3));
            Say(clock, "traffic running");
            var membership = cluster.Postgres.LocalConnectionString(cluster.Database);
            await Phase(phases, clock, "steady traffic, no fault", () => Task.CompletedTask, () => Task.CompletedTask, Steady, membership);

            var silo2 = cluster.Silos[1];
            await Phase(phases, clock, "(a) silo2's host cut off from everything",
                () => IsolatedNetwork.CutOffAsync(cluster.SiloHosts[1]),
                async () =>
                {
                    await IsolatedNetwork.ReconnectAsync(cluster.SiloHosts[1]);
                    await WaitForSiloToLeaveOrStayAsync(silo2);
                    if (await cluster.RestartIfStoppedAsync(silo2)) Say(clock, "silo2 had stopped itself (declared dead): started again");
                },
                () => HoldUntilDeclaredDeadAsync(clock, membership, cluster.SiloHosts[1].Address), membership);

            var web1 = cluster.WebHosts[0];
            await Phase(phases, clock, "(b) web1 cut off from the silos, not clients",
                () => IsolatedNetwork.DropTrafficWithAsync(web1, cluster.SiloHosts),
                () => IsolatedNetwork.AllowAllTrafficAsync(web1),
                WebCutOff, membership);

            await Phase(phases, clock, "(d) PostgreSQL cut off from silo3 only",
                () => IsolatedNetwork.DropTrafficWithAsync(cluster.PostgresHost, [cluster.SiloHosts[2]]),
                () => IsolatedNetwork.AllowAllTrafficAsync(cluster.PostgresHost),
                DatabaseCutOff, membership);

            var degraded = new List<HelperProcess>();
            await Phase(phases, clock, "(c) 200 ms delay, 5 % loss, web <-> silos",
                async () =>
                {
                    foreach (var web in cluster.WebHosts) degraded.Add(await IsolatedNetwork.DegradeTrafficToAsync(web, cluster.SiloHosts, Delay, Loss));
                    foreach (var silo in cluster.SiloHosts) degraded.Add(await IsolatedNetwork.DegradeTrafficToAsync(silo, cluster.WebHosts, Delay, Loss));
                },
                async () =>
                {
                    foreach (var host in cluster.WebHosts.Concat(cluster.SiloHosts)) await IsolatedNetwork.AllowAllTrafficAsync(host);
                    foreach (var delay in degraded) await delay.DisposeAsync();
                },
                Degraded, membership);

            var report = await traffic.StopAsync(TimeSpan.FromMinutes(4));
            Say(clock, "traffic stopped");
            var log = await StoredLog.ReadAsync(cluster.Postgres.LocalConnectionString(cluster.Database));
            var verdicts = phases.Select(p => FaultVerdict.Judge(p, report, log)).ToList();
            output.WriteLine($"stored messages: {log.Count}; sends: {report.Sends.Count}; connections: {report.Connections.Count}");
            foreach (var verdict in verdicts) output.WriteLine(verdict.ToString());
            foreach (var fault in log.Faults) output.WriteLine($"stored log: {fault}");

            Assert.Empty(log.Faults);
            Assert.All(verdicts, verdict => Assert.True(verdict.Holds, verdict.ToString()));
        }
        catch
        {
            output.WriteLine(cluster.Logs());
            throw;
        }
    }

    /// <summary>Injects a fault, keeps it for a while under the traffic, heals it, then lets the traffic run on before the next phase.</summary>
    private Task Phase(List<FaultPhase> phases, Stopwatch clock, string name, Func<Task> inject, Func<Task> heal, TimeSpan duration, string membership) =>
        Phase(phases, clock, name, inject, heal, () => Task.Delay(duration), membership);

    private async Task Phase(List<FaultPhase> phases, Stopwatch clock, string name, Func<Task> inject, Func<Task> heal, Func<Task> hold, string membership)
    {
        var from = DateTime.UtcNow;
        Say(clock, $"{name}: injected");
        await inject();
        await hold();
        Say(clock, $"membership before healing: {await ClusterMembership.DescribeAsync(membership)}");
        await heal();
        var healedAt = DateTime.UtcNow;
        Say(clock, $"{name}: healed");
        await Task.Delay(AfterHealing);
        phases.Add(new FaultPhase(name, from, healedAt, DateTime.UtcNow));
    }

    /// <summary>
    /// Keeps the silo cut off for <see cref="SiloCutOff"/>, and beyond it until the membership table lists it dead
    /// (for at most <see cref="DeathPatience"/> more), so that healing tests a silo the cluster has given up on.
    /// </summary>
    private async Task HoldUntilDeclaredDeadAsync(Stopwatch clock, string membership, string address)
    {
        var cut = clock.Elapsed;
        await Task.Delay(SiloCutOff);
        var deadline = DateTime.UtcNow + DeathPatience;
        while (!await ClusterMembership.IsDeadAsync(membership, address) && DateTime.UtcNow < deadline) await Task.Delay(TimeSpan.FromSeconds(1));
        Say(clock, await ClusterMembership.IsDeadAsync(membership, address)
            ? $"{address} declared dead by {(clock.Elapsed - cut).TotalSeconds:F0} s after the cut"
            : $"{address} still not declared dead {(clock.Elapsed - cut).TotalSeconds:F0} s after the cut");
    }

    /// <summary>A silo the cluster declared dead stops itself once it can read the membership table again; give it that time.</summary>
    private static async Task WaitForSiloToLeaveOrStayAsync(OrleansChat.Testing.BuiltProcess silo)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (silo.IsRunning && DateTime.UtcNow < deadline) await Task.Delay(500);
    }

    private void Say(Stopwatch clock, string what) => output.WriteLine($"{clock.Elapsed:mm\\:ss} {what}");
}
