using OrleansChat.Contracts;

namespace OrleansChat.Grains.Support;

/// <summary>
/// A site's canned responses, kept in the database. Not reentrant: changes run one at a time, so that checking a
/// shortcut and writing it cannot interleave with another change of the site.
/// </summary>
public sealed class CannedResponsesGrain(ICannedResponseStore store, TimeProvider clock) : Grain, ICannedResponsesGrain
{
    private string SiteId => this.GetPrimaryKeyString();

    public Task<IReadOnlyList<CannedResponse>> List(ChatUser agent)
    {
        SiteAgents.Require(agent, SiteId);
        return store.ListAsync(SiteId);
    }

    public Task<CannedResponse> Create(ChatUser agent, string shortcut, string text) =>
        SaveAsync(agent, new CannedResponse("cr-" + Guid.NewGuid().ToString("N"), shortcut, text, clock.NowAsStored()), store.AddAsync);

    public Task<CannedResponse> Update(ChatUser agent, string responseId, string shortcut, string text) =>
        SaveAsync(agent, new CannedResponse(responseId, shortcut, text, clock.NowAsStored()), store.UpdateAsync);

    public async Task Delete(ChatUser agent, string responseId)
    {
        SiteAgents.Require(agent, SiteId);
        if (!await store.DeleteAsync(SiteId, responseId)) throw NotFound(responseId);
    }

    private async Task<CannedResponse> SaveAsync(
        ChatUser agent, CannedResponse response, Func<string, CannedResponse, CancellationToken, Task<CannedResponseWrite>> write)
    {
        SiteAgents.Require(agent, SiteId);
        return await write(SiteId, response, CancellationToken.None) switch
        {
            CannedResponseWrite.Saved => response,
            CannedResponseWrite.DuplicateShortcut => throw ChatException.Conflict($"Site '{SiteId}' has a canned response '/{response.Shortcut}' already."),
            CannedResponseWrite.SiteFull => throw ChatException.Invalid($"A site keeps at most {CannedResponse.MaxPerSite} canned responses."),
            _ => throw NotFound(response.ResponseId),
        };
    }

    private static ChatException NotFound(string responseId) => ChatException.NotFound($"Canned response '{responseId}' does not exist.");
}
