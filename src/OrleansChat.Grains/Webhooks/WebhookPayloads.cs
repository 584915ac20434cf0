using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansChat.Contracts;

namespace OrleansChat.Grains.Webhooks;

/// <summary>
/// The bodies of the desk's events (docs/support.md): <c>{ id, type, createdAt, siteId, data }</c> in the protocol's
/// JSON (camelCase, enums as camelCase words, absent values left out). Fields are listed one by one so that what a
/// receiver sees changes only here.
/// </summary>
public static class WebhookPayloads
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static WebhookEvent ConversationCreated(string siteId, SupportConversation conversation, DateTimeOffset at) =>
        Event(siteId, WebhookEvents.ConversationCreated, conversation.ConversationId, at, NewId(), new { conversation = Of(conversation) });

    public static WebhookEvent StatusChanged(string siteId, SupportConversation conversation, SupportStatus previousStatus, DateTimeOffset at) =>
        Event(siteId, WebhookEvents.ConversationStatusChanged, conversation.ConversationId, at, NewId(), new { conversation = Of(conversation), previousStatus });

    /// <summary>Its id is the message's: the desk may hear of a message twice (a room tells it again after a crash), its receivers once.</summary>
    public static WebhookEvent MessageCreated(string siteId, string conversationId, ChatMessage message, DateTimeOffset at) =>
        Event(siteId, WebhookEvents.MessageCreated, conversationId, at, "evt_msg_" + message.MessageId, new
        {
            conversationId,
            message = new
            {
                message.MessageId, message.Seq, message.SenderId, message.SenderName, message.Kind, message.Text, message.SentAt,
                Attachments = message.Attachments?.Select(a => new { a.FileId, a.FileName, a.ContentType, a.Size }),
                ReplyToSeq = message.ReplyTo?.Seq,
            },
        });

    private static object Of(SupportConversation c) => new
    {
        c.ConversationId, c.VisitorId, c.VisitorName, c.Status, c.AgentId, c.Topic, c.Page, c.CreatedAt, c.StatusSince,
    };

    private static string NewId() => "evt_" + Guid.NewGuid().ToString("N");

    private static WebhookEvent Event(string siteId, string type, string conversationId, DateTimeOffset at, string id, object data)
    {
        var body = JsonSerializer.Serialize(new { id, type, createdAt = at, siteId, data }, Json);
        return new WebhookEvent(id, siteId, type, conversationId, at, body);
    }
}
