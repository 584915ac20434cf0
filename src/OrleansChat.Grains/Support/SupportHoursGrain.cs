using OrleansChat.Contracts;
using OrleansChat.Grains.Persistence;

namespace OrleansChat.Grains.Support;

/// <summary>A site's business hours and its agents' alert addresses (see <see cref="ISupportHoursGrain"/>).</summary>
public sealed class SupportHoursGrain(
    [PersistentState("hours", ChatStorage.Name)] IPersistentState<SupportHoursState> state) : Grain, ISupportHoursGrain
{
    public const int MaxIntervals = 70;
    public const int MaxClosedDates = 366;

    public Task<BusinessHours?> GetHours() => Task.FromResult(state.State.Hours);

    public async Task<BusinessHours?> SetHours(ChatUser admin, BusinessHours? hours)
    {
        if (admin.Role != UserRole.Admin) throw ChatException.Forbidden("Only the site's admins may set its hours.");
        if (hours is not null) Validate(hours);
        state.State.Hours = hours is null ? null
            : hours with { Weekly = [.. hours.Weekly.OrderBy(i => i.Day).ThenBy(i => i.OpensAt)], ClosedDates = [.. hours.ClosedDates.Distinct().Order()] };
        await state.WriteStateAsync();
        return state.State.Hours;
    }

    public Task<HoursDecision> DecideAt(DateTimeOffset instant) =>
        Task.FromResult(state.State.Hours is { } hours ? OpeningTimes.Decide(hours, instant) : new HoursDecision(true, null));

    public async Task SetAgentEmail(ChatUser agent, string? email)
    {
        if (agent.Role is not (UserRole.Agent or UserRole.Admin)) throw ChatException.Forbidden("Only agents may do that.");
        if (email is not null && !EmailAddresses.IsValid(email)) throw ChatException.Invalid("email must be an e-mail address.");
        var changed = email is null ? state.State.AgentEmails.Remove(agent.UserId) : state.State.AgentEmails.GetValueOrDefault(agent.UserId) != email;
        if (email is not null) state.State.AgentEmails[agent.UserId] = email;
        if (changed) await state.WriteStateAsync();
    }

    public Task<string?> GetAgentEmail(ChatUser agent) => Task.FromResult(state.State.AgentEmails.GetValueOrDefault(agent.UserId));

    public Task<IReadOnlyList<string>> GetAlertAddresses() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.AgentEmails.Values.Distinct(StringComparer.OrdinalIgnoreCase)]);

    private static void Validate(BusinessHours hours)
    {
        if (!OpeningTimes.IsKnownZone(hours.TimeZone)) throw ChatException.Invalid($"timeZone '{hours.TimeZone}' is not a known IANA time zone.");
        if (hours.Weekly.Count > MaxIntervals) throw ChatException.Invalid($"weekly holds at most {MaxIntervals} intervals.");
        if (hours.ClosedDates.Count > MaxClosedDates) throw ChatException.Invalid($"closedDates holds at most {MaxClosedDates} dates.");
        if (hours.Weekly.Any(i => !Enum.IsDefined(i.Day) || i.OpensAt < 0 || i.ClosesAt > OpeningTimes.MinutesPerDay || i.OpensAt >= i.ClosesAt))
        {
            throw ChatException.Invalid("Each interval opens before it closes, within its day (00:00 to 24:00).");
        }
    }
}
