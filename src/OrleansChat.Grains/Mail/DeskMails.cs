using System.Globalization;
using System.Text;
using OrleansChat.Contracts;

namespace OrleansChat.Grains.Mail;

/// <summary>
/// The mails the support desk sends, in plain text. Each key names what the mail is about, so that the outbox
/// queues it once however often it is told.
/// </summary>
public static class DeskMails
{
    /// <summary>An agent answered while the visitor was away.</summary>
    public static OutgoingMail Answer(SupportConversation conversation, ChatMessage answer, string? link)
    {
        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{answer.SenderName} answered you:")
            .AppendLine()
            .AppendLine(answer.Text)
            .AppendLine();
        if (link is not null) body.AppendLine(CultureInfo.InvariantCulture, $"Continue the conversation: {link}");
        return new OutgoingMail($"answer:{conversation.RoomId}:{answer.Epoch}:{answer.Seq}", conversation.VisitorEmail!,
            $"{answer.SenderName} answered your question", body.ToString());
    }

    /// <summary>The conversation, resolved, for a visitor who asked for it.</summary>
    public static OutgoingMail Transcript(SupportConversation conversation, IReadOnlyList<ChatMessage> messages)
    {
        var body = new StringBuilder().AppendLine("The transcript of your conversation (times in UTC):").AppendLine();
        foreach (var message in messages.Where(m => m.DeletedAt is null))
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"[{message.SentAt.UtcDateTime:yyyy-MM-dd HH:mm}] {message.SenderName}: {message.Text}");
        }
        return new OutgoingMail($"transcript:{conversation.RoomId}:{conversation.StatusSince.UtcTicks}", conversation.VisitorEmail!,
            "The transcript of your conversation", body.ToString());
    }

    /// <summary>A conversation waits while no agent is online.</summary>
    public static OutgoingMail Alert(SupportConversation conversation, string to, string? link)
    {
        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{conversation.VisitorName} is waiting for an agent, and no agent is online.")
            .AppendLine(CultureInfo.InvariantCulture, $"Topic: {conversation.Topic ?? "(none)"}")
            .AppendLine(CultureInfo.InvariantCulture, $"Conversation: {conversation.ConversationId}");
        if (conversation.VisitorEmail is not null) body.AppendLine(CultureInfo.InvariantCulture, $"The visitor can be answered at {conversation.VisitorEmail}.");
        if (link is not null) body.AppendLine(CultureInfo.InvariantCulture, $"Answer in the console: {link}");
        return new OutgoingMail($"alert:{conversation.RoomId}:{conversation.StatusSince.UtcTicks}:{to}", to,
            $"{conversation.VisitorName} is waiting for an agent", body.ToString());
    }
}
