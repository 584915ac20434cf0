using Orleans.Concurrency;
using OrleansChat.Contracts;

namespace OrleansChat.Grains.Support;

/// <summary>
/// Lists and reports read straight from the archive, beside the desk rather than through it, so that an agent's
/// search never holds up the desk's assignments.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class SupportArchiveGrain(ISupportArchive archive) : Grain, ISupportArchiveGrain
{
    public Task<SupportRecordPage> List(ChatUser agent, SupportQuery query)
    {
        RequireAgent(agent);
        return archive.ListAsync(this.GetPrimaryKeyString(), query);
    }

    public async Task<SupportReport> Report(ChatUser agent, DateTimeOffset from, DateTimeOffset to)
    {
        RequireAgent(agent);
        var outcomes = await archive.ReadOutcomesAsync(this.GetPrimaryKeyString(), from, to);
        return new SupportReport(
            from, to,
            SupportReports.RowOf(agentId: null, outcomes),
            [.. outcomes.Where(o => o.AgentId is not null).GroupBy(o => o.AgentId!)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => SupportReports.RowOf(g.Key, [.. g]))]);
    }

    private static void RequireAgent(ChatUser user)
    {
        if (user.Role is not (UserRole.Agent or UserRole.Admin)) throw ChatException.Forbidden("Only the site's agents may read its conversations and reports.");
    }
}
