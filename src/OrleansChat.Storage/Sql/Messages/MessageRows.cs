using System.Data.Common;
using OrleansChat.Contracts;

namespace OrleansChat.Storage.Sql.Messages;

/// <summary>A message's row in <c>messages</c> (and <c>messages_archive</c>), as its current state.</summary>
internal static class MessageRows
{
    public const string Columns =
        "room_id, seq, message_id, client_message_id, sender_id, sender_name, kind, text, sent_at_ms, attachments, " +
        "reply_to_seq, reply_sender_id, reply_sender_name, reply_excerpt, edited_at_ms, deleted_at_ms, change_seq, reactions, mentions";

    public static async Task<List<ChatMessage>> ReadAsync(DbCommand command, long epoch, CancellationToken cancellationToken)
    {
        var messages = new List<ChatMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
            DateTimeOffset? Time(int column) => reader.IsDBNull(column) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(column));
            messages.Add(new ChatMessage(
                RoomId: reader.GetString(0),
                Seq: reader.GetInt64(1),
                MessageId: reader.GetString(2),
                ClientMessageId: reader.GetString(3),
                SenderId: reader.GetString(4),
                SenderName: reader.GetString(5),
                Kind: Enum.Parse<MessageKind>(reader.GetString(6), ignoreCase: true),
                Text: reader.GetString(7),
                SentAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
                Epoch: epoch,
                Attachments: AttachmentsJson.Read(Text(9)),
                ReplyTo: reader.IsDBNull(10) ? null : new MessageQuote(reader.GetInt64(10), reader.GetString(11), reader.GetString(12), reader.GetString(13)),
                EditedAt: Time(14),
                DeletedAt: Time(15),
                ChangeSeq: reader.GetInt64(16),
                Reactions: ReactionsJson.Read(Text(17)),
                Mentions: MentionsJson.Read(Text(18))));
        }
        return messages;
    }

    public static string KindName(MessageKind kind) => kind switch
    {
        MessageKind.Text => "text",
        MessageKind.System => "system",
        MessageKind.Assistant => "assistant",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
