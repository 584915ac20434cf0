using Microsoft.Extensions.Logging;
using OrleansChat.Contracts;

namespace OrleansChat.Grains.Support.Desk;

// Who takes a waiting conversation: the desk hands it to an available agent, within each agent's cap.
public sealed partial class SupportDeskGrain
{
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
            try
            {
                await AssignAsync(waiting, AgentOf(agentId, state.State.Agents[agentId]));
            }
            catch (Exception exception)
            {
                // That room could not take the agent now: the conversation waits for the next chance.
                logger.LogWarning(exception, "Assigning conversation {ConversationId} to {AgentId} failed", waiting.ConversationId, agentId);
                return;
            }
        }
    }

    private async Task AssignAsync(SupportConversation conversation, ChatUser agent)
    {
        // The agent joins the support room, so they see everything that came before; an agent it moves away from leaves.
        await GrainFactory.GetGrain<IRoomGrain>(conversation.RoomId).HandSupportTo(conversation.VisitorId, agent);
        GiveTo(conversation, agent.UserId);
    }

    private ChatUser AgentOf(string agentId, string displayName) => new(agentId, displayName, UserRole.Agent, this.GetPrimaryKeyString());

    private void GiveTo(SupportConversation conversation, string agentId)
    {
        Move(conversation, SupportStatus.Assigned, agentId);
        _lastAssigned[agentId] = clock.GetUtcNow();
    }

    /// <summary>Assigned conversations per agent.</summary>
    private Dictionary<string, int> Load() =>
        Conversations.Values.Where(c => c.Status == SupportStatus.Assigned && c.AgentId is not null)
            .GroupBy(c => c.AgentId!).ToDictionary(g => g.Key, g => g.Count());
}
