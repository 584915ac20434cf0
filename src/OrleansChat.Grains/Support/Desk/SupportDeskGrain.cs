using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Contracts;
using OrleansChat.Grains.Persistence;

namespace OrleansChat.Grains.Support.Desk;

/// <summary>
/// A site's support desk. Conversations, the agents who worked the desk and who of them is available persist. A
/// conversation's id is its support room's id: one room, one conversation, reopened when the visitor writes again.
/// Every change is stored first and told after (<see cref="SupportChanged"/>), each with a higher revision, because
/// the events may overtake each other on their way and clients keep the newest.
/// </summary>
public sealed partial class SupportDeskGrain(
    [PersistentState("desk", ChatStorage.Name)] IPersistentState<SupportDeskState> state,
    IOptions<SupportOptions> options,
    ISupportAssistant assistant,
    TimeProvider clock,
    ILogger<SupportDeskGrain> logger) : Grain, ISupportDeskGrain
{
    private readonly Dictionary<string, DateTimeOffset> _lastAssigned = new(StringComparer.Ordinal);

    /// <summary>Conversations changed since the last save, told once it is stored.</summary>
    private readonly HashSet<string> _untold = new(StringComparer.Ordinal);

    private long _lastRevision;

    private Dictionary<string, SupportConversation> Conversations => state.State.Conversations;

    private HashSet<string> Available => state.State.Available;

    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        StoreLoading.LoadAsync(() => LoadAsync(cancellationToken), logger, $"the support desk {this.GetPrimaryKeyString()}");

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await ArchiveResolvedAsync(cancellationToken);
        // Past every revision the archive holds as well: it keeps the later of two copies, and this silo's clock may lag
        // the last writer's (or the last save of this state may have failed after its archive write).
        _lastRevision = Math.Max(Conversations.Values.Select(c => c.Revision).DefaultIfEmpty(0).Max(),
            await Archive.GetLastRevisionAsync(SiteId, cancellationToken));
        // Agents who went offline while the desk was not active never told it: ask their presence. One who is
        // only briefly unknown after a silo restart is put back by their user grain once their node reports in.
        var online = await Task.WhenAll(Available.Select(IsOnlineAsync));
        var gone = Available.Where((_, index) => !online[index]).ToArray();
        if (gone.Length > 0)
        {
            Available.ExceptWith(gone);
            await state.WriteStateAsync(cancellationToken);
        }
        await AskAgainForAwaitedAnswersAsync();
    }

    public async Task<SupportConversation> Open(ChatUser visitor, string roomId, string? topic, string? page)
    {
        var now = Now();
        if (Conversations.TryGetValue(roomId, out var existing) || (existing = await RestoreAsync(visitor, roomId)) is not null)
        {
            var updated = existing with { Topic = topic ?? existing.Topic, Page = page ?? existing.Page };
            if (updated == existing)
            {
                LetGoIfResolved(existing);
                return existing;
            }
            // A new revision though no one is told: the archive keeps a row's latest revision only.
            Conversations[roomId] = updated = updated with { Revision = NextRevision() };
            if (page is not null) TrailOf(existing).Visited(page, now);
            await StoreAsync(roomId);
            return updated;
        }
        Conversations[roomId] = new SupportConversation(
            roomId, roomId, visitor.UserId, visitor.DisplayName, SupportStatus.Bot, null, topic, now, now, page, Position: null, NextRevision());
        await StoreAsync(roomId);
        await PublishCreatedAsync(Conversations[roomId]);
        return Conversations[roomId];
    }

    public async Task<SupportConversation> HandOff(ChatUser requester, string conversationId)
    {
        await RestoreAsync(requester, conversationId);
        var conversation = RequireParticipant(requester, conversationId);
        if (conversation.Status is SupportStatus.Bot or SupportStatus.Resolved)
        {
            Move(conversation, SupportStatus.Waiting, agentId: null);
            await AssignWaitingAsync();
            await SaveAndTellAsync();
        }
        return Conversations[conversationId];
    }

    public async Task<SupportConversation> Assign(ChatUser agent, string conversationId, string? agentId)
    {
        RequireAgent(agent);
        var conversation = Require(conversationId);
        if (conversation.Status == SupportStatus.Resolved) throw ChatException.Invalid("The conversation is resolved.");
        Remember(agent);
        var target = agentId is null || agentId == agent.UserId ? agent
            : state.State.Agents.TryGetValue(agentId, out var name) ? AgentOf(agentId, name)
            : throw ChatException.NotFound($"'{agentId}' is not an agent of this desk.");
        await AssignAsync(conversation, target);
        await SaveAndTellAsync();
        return Conversations[conversationId];
    }

    public async Task<SupportConversation> Resolve(ChatUser requester, string conversationId)
    {
        // Resolved already and archived: nothing to do.
        if (!Conversations.ContainsKey(conversationId) && await ArchivedOfAsync(requester, conversationId) is { } archived) return archived;
        var conversation = RequireParticipant(requester, conversationId);
        if (conversation.Status != SupportStatus.Resolved)
        {
            Move(conversation, SupportStatus.Resolved, conversation.AgentId);
            await AssignWaitingAsync();
            await SaveAndTellAsync();
            // Resolved, it is nobody's: its agents leave the room (they may step in again), so that an agent's presence
            // reaches the rooms of the conversations they hold rather than of every one they ever answered.
            try
            {
                await GrainFactory.GetGrain<IRoomGrain>(conversation.RoomId).HandSupportTo(conversation.VisitorId, agent: null);
            }
            catch (Exception exception)
            {
                // Only a cost: the agent hears the resolved conversation until it is handed to someone again.
                logger.LogWarning(exception, "Releasing the agents of resolved conversation {ConversationId} failed", conversationId);
            }
        }
        return Current(conversationId);
    }

    private async Task ReopenIfResolvedAsync(SupportConversation conversation)
    {
        if (conversation.Status != SupportStatus.Resolved) return;
        // A human already helped: the visitor goes back to the humans; otherwise the assistant answers first.
        Move(conversation, conversation.AgentId is null ? SupportStatus.Bot : SupportStatus.Waiting, agentId: null);
        await AssignWaitingAsync();
        await SaveAndTellAsync();
    }

    public async Task OnAgentJoined(string conversationId, ChatUser agent)
    {
        if (!Conversations.TryGetValue(conversationId, out var conversation) || conversation.Status is not (SupportStatus.Bot or SupportStatus.Waiting)) return;
        Remember(agent);
        // Whoever held it before it was resolved and reopened stops hearing it.
        await GrainFactory.GetGrain<IRoomGrain>(conversation.RoomId).HandSupportTo(conversation.VisitorId, agent);
        GiveTo(conversation, agent.UserId);
        await SaveAndTellAsync();
    }

    public async Task RefreshAgent(ChatUser agent)
    {
        RequireAgent(agent);
        var available = (await GrainFactory.GetGrain<IUserGrain>(agent.UserId).GetPresence()).Status == PresenceStatus.Online;
        var known = Remember(agent);
        var changed = available ? Available.Add(agent.UserId) : Available.Remove(agent.UserId);
        if (changed && available) await AssignWaitingAsync();
        if (!known || changed) await SaveAndTellAsync();
    }

    public async Task<IReadOnlyList<SupportConversation>> GetQueue(ChatUser agent)
    {
        RequireAgent(agent);
        if (!Remember(agent)) await state.WriteStateAsync();
        return Conversations.Values
            .Where(c => c.Status is SupportStatus.Waiting or SupportStatus.Assigned)
            .OrderBy(c => c.StatusSince)
            .ToArray();
    }

    public async Task<IReadOnlyList<SupportAgent>> GetAgents(ChatUser agent)
    {
        RequireAgent(agent);
        if (!Remember(agent)) await state.WriteStateAsync();
        var load = Load();
        return state.State.Agents
            .Select(a => new SupportAgent(a.Key, a.Value, Available.Contains(a.Key), load.GetValueOrDefault(a.Key)))
            .OrderBy(a => a.DisplayName, StringComparer.OrdinalIgnoreCase)
            .ToArray();
    }

    private async Task<bool> IsOnlineAsync(string agentId)
    {
        try
        {
            return (await GrainFactory.GetGrain<IUserGrain>(agentId).GetPresence()).Status == PresenceStatus.Online;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "The presence of agent {AgentId} is unknown; they take no new conversations until they are back", agentId);
            return false;
        }
    }

    private void Move(SupportConversation conversation, SupportStatus status, string? agentId)
    {
        var now = Now();
        TrailOf(conversation).History.Add(new SupportStatusChange(status, agentId, now));
        Change(conversation with { Status = status, AgentId = agentId, StatusSince = now });
        NoteMove(Conversations[conversation.ConversationId], conversation.Status);
    }

    private void Change(SupportConversation conversation)
    {
        Conversations[conversation.ConversationId] = conversation with { Revision = NextRevision() };
        _untold.Add(conversation.ConversationId);
    }

    /// <summary>
    /// Gives the waiting their places in line, stores the desk, then tells the site's agents and each changed
    /// conversation's room, one way: a waiting visitor hears of it whenever their place moves.
    /// </summary>
    private async Task SaveAndTellAsync()
    {
        var line = Waiting().Select((c, index) => (Conversation: c, Position: (int?)index + 1));
        var others = Conversations.Values.Where(c => c.Status != SupportStatus.Waiting).Select(c => (Conversation: c, Position: (int?)null));
        foreach (var (conversation, position) in line.Concat(others).ToArray())
        {
            if (conversation.Position != position) Change(conversation with { Position = position });
        }
        try
        {
            await ArchiveChangedAsync();
            await state.WriteStateAsync();
        }
        catch (Exception exception)
        {
            _untold.Clear();
            _moves.Clear();
            throw StorageFailed(exception);
        }
        var desk = GrainFactory.GetGrain<IRoomGrain>(SupportChannel.Of(this.GetPrimaryKeyString()));
        foreach (var id in _untold)
        {
            var change = Current(id).ToChange();
            _ = desk.PublishSupportChanged(change);
            _ = GrainFactory.GetGrain<IRoomGrain>(change.RoomId).PublishSupportChanged(change);
        }
        var changed = _untold.Select(Current).ToArray();
        var startedWaiting = _moves.Where(m => m.Conversation.Status == SupportStatus.Waiting).Select(m => m.Conversation.ConversationId).ToHashSet(StringComparer.Ordinal);
        _untold.Clear();
        await PublishMovesAsync();
        await QueueMailAfterAsync(changed, startedWaiting);
    }

    /// <summary>
    /// Memory must not run ahead of storage: the activation goes, and the next call finds the desk as it was stored.
    /// </summary>
    private ChatException StorageFailed(Exception exception)
    {
        logger.LogError(exception, "Storing support desk {SiteId} failed; the activation will reload", this.GetPrimaryKeyString());
        DeactivateOnIdle();
        return ChatException.Unavailable("The support desk's storage is unavailable; nothing was changed. Retry later.");
    }

    /// <summary>Increasing across activations too (time-based), so that no later change is mistaken for an older one.</summary>
    private long NextRevision() => _lastRevision = Math.Max(_lastRevision + 1, clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000);

    /// <summary>Waiting conversations, first in line first.</summary>
    private IEnumerable<SupportConversation> Waiting() =>
        Conversations.Values.Where(c => c.Status == SupportStatus.Waiting).OrderBy(c => c.StatusSince).ThenBy(c => c.ConversationId, StringComparer.Ordinal);

    /// <summary>Registers an agent's name; false when they were new to the desk.</summary>
    private bool Remember(ChatUser agent)
    {
        var known = state.State.Agents.TryGetValue(agent.UserId, out var name) && name == agent.DisplayName;
        state.State.Agents[agent.UserId] = agent.DisplayName;
        return known;
    }
}
