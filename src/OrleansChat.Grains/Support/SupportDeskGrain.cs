using Microsoft.Extensions.Options;
using OrleansChat.Contracts;
using OrleansChat.Grains.Persistence;

namespace OrleansChat.Grains.Support;

/// <summary>
/// A site's support desk. Conversations and the agents who worked the desk persist; who is available right now
/// is live state, told by the agents' presence. A conversation's id is its support room's id: one room, one
/// conversation, reopened when the visitor writes again.
/// </summary>
public sealed class SupportDeskGrain(
    [PersistentState("desk", ChatStorage.Name)] IPersistentState<SupportDeskState> state,
    IOptions<SupportOptions> options,
    TimeProvider clock) : Grain, ISupportDeskGrain
{
    private readonly Dictionary<string, DateTimeOffset> _lastAssigned = new(StringComparer.Ordinal);

    /// <summary>The queue places last told to waiting visitors, so that only a place that moved is told again.</summary>
    private readonly Dictionary<string, int> _toldPositions = new(StringComparer.Ordinal);

    private Dictionary<string, SupportConversation> Conversations => state.State.Conversations;

    private HashSet<string> Available => state.State.Available;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Agents who went offline while the desk was not active never told it: ask their presence.
        var presences = await Task.WhenAll(Available.Select(id => GrainFactory.GetGrain<IUserGrain>(id).GetPresence()));
        var gone = presences.Where(p => p.Status != PresenceStatus.Online).Select(p => p.UserId).ToArray();
        if (gone.Length > 0)
        {
            Available.ExceptWith(gone);
            await state.WriteStateAsync(cancellationToken);
        }
        foreach (var (position, conversation) in Waiting().Index()) _toldPositions[conversation.ConversationId] = position + 1;
    }

    public async Task<SupportConversation> Open(ChatUser visitor, string roomId, string? topic, string? page)
    {
        if (Conversations.TryGetValue(roomId, out var existing))
        {
            var updated = existing with { Topic = topic ?? existing.Topic, Page = page ?? existing.Page };
            if (updated == existing) return existing;
            Conversations[roomId] = updated;
            await state.WriteStateAsync();
            return updated;
        }
        var now = clock.GetUtcNow();
        var conversation = new SupportConversation(roomId, roomId, visitor.UserId, visitor.DisplayName, SupportStatus.Bot, null, topic, now, now, page);
        Conversations[roomId] = conversation;
        await state.WriteStateAsync();
        return conversation;
    }

    public async Task<SupportConversation> HandOff(ChatUser requester, string conversationId)
    {
        var conversation = RequireParticipant(requester, conversationId);
        if (conversation.Status is SupportStatus.Bot or SupportStatus.Resolved)
        {
            Move(conversation, SupportStatus.Waiting, agentId: null);
            await AssignWaitingAsync();
            await SaveAsync();
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
            : state.State.Agents.TryGetValue(agentId, out var name) ? new ChatUser(agentId, name, UserRole.Agent)
            : throw ChatException.NotFound($"'{agentId}' is not an agent of this desk.");
        await AssignAsync(conversation, target);
        await SaveAsync();
        return Conversations[conversationId];
    }

    public async Task<SupportConversation> Resolve(ChatUser requester, string conversationId)
    {
        var conversation = RequireParticipant(requester, conversationId);
        if (conversation.Status != SupportStatus.Resolved)
        {
            Move(conversation, SupportStatus.Resolved, conversation.AgentId);
            await AssignWaitingAsync();
            await SaveAsync();
        }
        return Conversations[conversationId];
    }

    public async Task OnVisitorMessage(string conversationId)
    {
        if (Conversations.TryGetValue(conversationId, out var conversation) && conversation.Status == SupportStatus.Resolved)
        {
            // A human already helped: the visitor goes back to the humans; otherwise the assistant answers first.
            Move(conversation, conversation.AgentId is null ? SupportStatus.Bot : SupportStatus.Waiting, agentId: null);
            await AssignWaitingAsync();
            await SaveAsync();
        }
    }

    public async Task OnAgentJoined(string conversationId, ChatUser agent)
    {
        if (!Conversations.TryGetValue(conversationId, out var conversation) || conversation.Status is not (SupportStatus.Bot or SupportStatus.Waiting)) return;
        Remember(agent);
        GiveTo(conversation, agent.UserId);
        await SaveAsync();
    }

    public async Task SetAgentAvailability(ChatUser agent, bool available)
    {
        RequireAgent(agent);
        var known = Remember(agent);
        var changed = available ? Available.Add(agent.UserId) : Available.Remove(agent.UserId);
        if (changed && available) await AssignWaitingAsync();
        if (!known || changed) await SaveAsync();
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

    public Task<int?> GetPosition(ChatUser requester, string conversationId)
    {
        RequireParticipant(requester, conversationId);
        return Task.FromResult(PositionOf(conversationId));
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

    /// <summary>Oldest waiting first, each to the available agent with the fewest conversations (then the one idle longest), within the cap.</summary>
    private async Task AssignWaitingAsync()
    {
        foreach (var waiting in Waiting().ToArray())
        {
            var load = Load();
            var agentId = Available
                .Where(id => load.GetValueOrDefault(id) < options.Value.MaxConversationsPerAgent)
                .OrderBy(id => load.GetValueOrDefault(id))
                .ThenBy(id => _lastAssigned.GetValueOrDefault(id))
                .ThenBy(id => id, StringComparer.Ordinal)
                .FirstOrDefault();
            if (agentId is null) return;
            await AssignAsync(waiting, new ChatUser(agentId, state.State.Agents[agentId], UserRole.Agent));
        }
    }

    private async Task AssignAsync(SupportConversation conversation, ChatUser agent)
    {
        // The agent joins the support room (agents may), so they see everything that came before.
        await GrainFactory.GetGrain<IRoomGrain>(conversation.RoomId).AddMember(agent, agent);
        GiveTo(conversation, agent.UserId);
    }

    private void GiveTo(SupportConversation conversation, string agentId)
    {
        Move(conversation, SupportStatus.Assigned, agentId);
        _lastAssigned[agentId] = clock.GetUtcNow();
    }

    /// <summary>Changes a conversation's status and tells the site's agents and the conversation's room, one way.</summary>
    private void Move(SupportConversation conversation, SupportStatus status, string? agentId)
    {
        var moved = conversation with { Status = status, AgentId = agentId, StatusSince = clock.GetUtcNow() };
        Conversations[conversation.ConversationId] = moved;
        var position = PositionOf(moved.ConversationId);
        if (position is { } place) _toldPositions[moved.ConversationId] = place;
        var change = new SupportChanged(moved.ConversationId, moved.RoomId, moved.Status, moved.AgentId, position);
        _ = GrainFactory.GetGrain<IRoomGrain>(SupportChannel.Of(this.GetPrimaryKeyString())).PublishSupportChanged(change);
        _ = GrainFactory.GetGrain<IRoomGrain>(moved.RoomId).PublishSupportChanged(change);
    }

    /// <summary>Stores the desk, then tells each waiting visitor whose place in the queue moved.</summary>
    private async Task SaveAsync()
    {
        await state.WriteStateAsync();
        foreach (var (index, waiting) in Waiting().Index())
        {
            if (_toldPositions.GetValueOrDefault(waiting.ConversationId) == index + 1) continue;
            _toldPositions[waiting.ConversationId] = index + 1;
            var change = new SupportChanged(waiting.ConversationId, waiting.RoomId, waiting.Status, null, index + 1);
            _ = GrainFactory.GetGrain<IRoomGrain>(waiting.RoomId).PublishSupportChanged(change);
        }
        foreach (var id in _toldPositions.Keys.Where(id => Conversations[id].Status != SupportStatus.Waiting).ToArray()) _toldPositions.Remove(id);
    }

    /// <summary>Waiting conversations, first in line first.</summary>
    private IEnumerable<SupportConversation> Waiting() =>
        Conversations.Values.Where(c => c.Status == SupportStatus.Waiting).OrderBy(c => c.StatusSince).ThenBy(c => c.ConversationId, StringComparer.Ordinal);

    private int? PositionOf(string conversationId) =>
        Waiting().Index().Where(w => w.Item.ConversationId == conversationId).Select(w => (int?)w.Index + 1).FirstOrDefault();

    /// <summary>Assigned conversations per agent.</summary>
    private Dictionary<string, int> Load() =>
        Conversations.Values.Where(c => c.Status == SupportStatus.Assigned && c.AgentId is not null)
            .GroupBy(c => c.AgentId!).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Registers an agent's name; false when they were new to the desk.</summary>
    private bool Remember(ChatUser agent)
    {
        var known = state.State.Agents.TryGetValue(agent.UserId, out var name) && name == agent.DisplayName;
        state.State.Agents[agent.UserId] = agent.DisplayName;
        return known;
    }

    private SupportConversation Require(string conversationId) =>
        Conversations.TryGetValue(conversationId, out var conversation) ? conversation
            : throw ChatException.NotFound($"Conversation '{conversationId}' does not exist.");

    private SupportConversation RequireParticipant(ChatUser requester, string conversationId)
    {
        var conversation = Require(conversationId);
        if (requester.UserId != conversation.VisitorId && requester.Role is not (UserRole.Agent or UserRole.Admin))
        {
            throw ChatException.Forbidden("Only the visitor or the site's agents may do that.");
        }
        return conversation;
    }

    private static void RequireAgent(ChatUser user)
    {
        if (user.Role is not (UserRole.Agent or UserRole.Admin)) throw ChatException.Forbidden("Only agents may do that.");
    }
}
