using OrleansChat.Contracts;

namespace OrleansChat.Grains.Messages;

/// <summary>A change a member asked for, waiting for its batch: checked and numbered when the batch is written.</summary>
internal sealed record ChangeRequest(ChatUser Actor, long Seq, ChangeKind Kind, string? Text = null, string? Emoji = null, bool Reacted = false);

/// <summary>
/// What became of a change request: the message as it is now, with the change made (null when the message already
/// was as asked), or the refusal the caller gets.
/// </summary>
internal sealed record ChangeOutcome(ChatMessage? Message, MessageChange? Change, ChatException? Refusal = null)
{
    public static ChangeOutcome Refused(ChatException refusal) => new(null, null, refusal);
}
