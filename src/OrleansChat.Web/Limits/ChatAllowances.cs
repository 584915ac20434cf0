using Microsoft.Extensions.Options;
using OrleansChat.Contracts;
using OrleansChat.Web.Ai;

namespace OrleansChat.Web.Limits;

/// <summary>
/// What one user, site or address may do per minute through this web node (<c>Chat:Limits</c>), over the hub and
/// REST alike: the limits that keep one caller from filling storage or starving the others.
/// </summary>
public sealed class ChatAllowances(IOptions<ChatLimits> limits, IOptions<AiOptions> ai) : IDisposable
{
    /// <summary>Messages per user.</summary>
    public Allowance Messages { get; } = new("messages", () => limits.Value.MessagesPerMinute);

    /// <summary>Joins, typing, read marks and status changes per user: cheap one by one, costly in a loop.</summary>
    public Allowance LiveCalls { get; } = new("room calls (join, typing, read, status)", () => limits.Value.LiveCallsPerMinute);

    /// <summary>Widget sessions per site: each new visitor stores a user and a room.</summary>
    public Allowance SessionsPerSite { get; } = new("new chat sessions for this site", () => limits.Value.SessionsPerSitePerMinute);

    /// <summary>Widget sessions per address, so that one client cannot use up its site's allowance.</summary>
    public Allowance SessionsPerAddress { get; } = new("new chat sessions from this address", () => limits.Value.SessionsPerAddressPerMinute);

    /// <summary>Hub connection attempts per address.</summary>
    public Allowance ConnectionsPerAddress { get; } = new("connection attempts from this address", () => limits.Value.ConnectionAttemptsPerAddressPerMinute);

    /// <summary>The support bot's answers per visitor, under the same limit as a user's own AI requests.</summary>
    public Allowance BotAnswers { get; } = new("assistant answers", () => ai.Value.RequestsPerMinute);

    public void Dispose()
    {
        Messages.Dispose();
        LiveCalls.Dispose();
        SessionsPerSite.Dispose();
        SessionsPerAddress.Dispose();
        ConnectionsPerAddress.Dispose();
        BotAnswers.Dispose();
    }
}
