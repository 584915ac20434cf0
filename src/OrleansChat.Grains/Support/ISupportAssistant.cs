using OrleansChat.Contracts;

namespace OrleansChat.Grains.Support;

/// <summary>
/// The assistant as the support desk's bot uses it: the port the silo fills with the configured AI client and the
/// sites' knowledge bases (<c>Chat:Ai</c>), as <see cref="Messages.IMessageLog"/> is filled with a database.
/// </summary>
public interface ISupportAssistant
{
    /// <summary>Bot first (<c>Chat:Ai:SupportBot</c>): false sends every visitor straight to the humans.</summary>
    bool AnswersVisitors { get; }

    /// <summary>Whether the site's help pages cover the question well enough to answer it; otherwise a human should.</summary>
    bool Covers(string siteId, string question);

    /// <summary>Takes one of the visitor's bot answers of this minute on this silo; false when they are spent.</summary>
    bool TryTakeAnswer(string visitorId);

    /// <summary>Answers the visitor's latest messages in their room, streamed to its members, then stored.</summary>
    Task AnswerAsync(ChatUser visitor, string roomId, string siteId, CancellationToken cancellationToken);
}
