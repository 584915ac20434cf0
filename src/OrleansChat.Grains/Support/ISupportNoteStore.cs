using OrleansChat.Contracts;

namespace OrleansChat.Grains.Support;

/// <summary>The private notes of support conversations, apart from the rooms' messages (which visitors read).</summary>
public interface ISupportNoteStore
{
    /// <summary>Stores a note; false, storing nothing, when the conversation has <see cref="SupportNote.MaxPerConversation"/> already.</summary>
    Task<bool> AddAsync(string siteId, SupportNote note, CancellationToken cancellationToken = default);

    /// <summary>A conversation's notes, oldest first.</summary>
    Task<IReadOnlyList<SupportNote>> ListAsync(string siteId, string conversationId, CancellationToken cancellationToken = default);
}
