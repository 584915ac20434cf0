namespace OrleansChat.Contracts;

/// <summary>
/// An agent's private note in a support conversation: for the site's agents only, never the visitor. Kept apart
/// from the room's messages (which the visitor reads and search indexes), in a notes table of its own.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SupportNote(string NoteId, string ConversationId, string AuthorId, string AuthorName, string Text, DateTimeOffset CreatedAt)
{
    /// <summary>Notes a conversation keeps at most: a conversation's notes are listed whole.</summary>
    public const int MaxPerConversation = 500;
}
