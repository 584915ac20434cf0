namespace OrleansChat.Contracts;

/// <summary>
/// A site's canned responses (key: site id), kept by its agents. One activation per site takes the changes one at
/// a time, so a shortcut stays unique without racing.
/// </summary>
public interface ICannedResponsesGrain : IGrainWithStringKey
{
    /// <summary>The site's canned responses, by shortcut.</summary>
    Task<IReadOnlyList<CannedResponse>> List(ChatUser agent);

    /// <summary>A new canned response; <c>conflict</c> when the site has one with that shortcut.</summary>
    Task<CannedResponse> Create(ChatUser agent, string shortcut, string text);

    /// <summary>A new shortcut and text for a canned response; <c>conflict</c> when another one has that shortcut.</summary>
    Task<CannedResponse> Update(ChatUser agent, string responseId, string shortcut, string text);

    Task Delete(ChatUser agent, string responseId);
}
