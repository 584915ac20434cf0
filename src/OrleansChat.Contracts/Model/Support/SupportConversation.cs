using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansChat.Contracts;

/// <summary>Where a support conversation stands: the assistant answers first, then a human when asked.</summary>
public enum SupportStatus { Bot, Waiting, Assigned, Resolved }

/// <summary>
/// One visitor's conversation with a site's team, held in a room of kind <c>support</c>. <c>CreatedAt</c> is when
/// the visitor first wrote in; <c>Page</c> the address of the page they last opened the chat from; <c>Position</c>
/// their place in line while waiting (1: next); <c>Labels</c> what agents tagged it with. <c>Revision</c> grows with every change the desk tells, so that a
/// client keeps the newest of the changes and answers it receives in whatever order they arrive.
/// <c>VisitorEmail</c> is where the visitor asked to be answered while away, and <c>WantsTranscript</c> whether
/// they want the conversation mailed to them when it is resolved.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SupportConversation(
    string ConversationId,
    string RoomId,
    string VisitorId,
    string VisitorName,
    SupportStatus Status,
    string? AgentId,
    string? Topic,
    DateTimeOffset CreatedAt,
    DateTimeOffset StatusSince,
    string? Page = null,
    int? Position = null,
    long Revision = 0,
    IReadOnlyList<string>? Labels = null,
    string? VisitorEmail = null,
    bool WantsTranscript = false)
{
    /// <summary>
    /// What a newer release stored in this conversation and this one does not know, kept through the desk's
    /// <c>with</c> copies so that its next write loses nothing. Never sent between silos or to clients.
    /// </summary>
    [JsonExtensionData]
    [field: NonSerialized]
    public Dictionary<string, JsonElement>? UnknownMembers { get; init; }

    public SupportChanged ToChange() => new(ConversationId, RoomId, Status, AgentId, Position, Revision);
}

/// <summary>An agent of a desk: whether new conversations may go to them now, and how many they hold.</summary>
[GenerateSerializer, Immutable]
public sealed record SupportAgent(string AgentId, string DisplayName, bool Available, int Conversations);

/// <summary>
/// Where a site's desk events travel: the room grain <c>desk:{siteId}</c> is a channel (never a chat room, and no
/// one may create it as one) whose only listeners are the site's agents' connections, carried by the same
/// web-node fan-out as rooms.
/// </summary>
public static class SupportChannel
{
    public const string Prefix = "desk:";

    public static string Of(string siteId) => Prefix + siteId;

    public static bool IsChannel(string? roomId) => roomId is not null && roomId.StartsWith(Prefix, StringComparison.Ordinal);
}
