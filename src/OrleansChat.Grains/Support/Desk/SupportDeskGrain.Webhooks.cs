using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansChat.Contracts;
using OrleansChat.Grains.Webhooks;

namespace OrleansChat.Grains.Support.Desk;

// The desk's webhook events: written to the site's outbox after the change they tell is stored, in the desk's turn,
// so that a conversation's events are in the outbox in the order they happened; then the site's dispatcher is woken.
public sealed partial class SupportDeskGrain
{
    /// <summary>Status moves since the last save: the conversation as it moved, and the status it left.</summary>
    private readonly List<(SupportConversation Conversation, SupportStatus Previous)> _moves = [];

    /// <summary>Events not yet in the outbox, oldest first: kept when the store failed, written before any newer one.</summary>
    private readonly List<WebhookEvent> _unwritten = [];

    // Resolved here rather than in the constructor: the desk's other parts do not need it.
    private IWebhookStore Outbox => ServiceProvider.GetRequiredService<IWebhookStore>();

    /// <summary>A message stored in a conversation's room (<see cref="OnConversationMessage"/>).</summary>
    private Task PublishMessageCreatedAsync(string conversationId, ChatMessage message) =>
        PublishAsync([WebhookPayloads.MessageCreated(this.GetPrimaryKeyString(), conversationId, message, clock.GetUtcNow())]);

    private void NoteMove(SupportConversation moved, SupportStatus previous)
    {
        if (moved.Status != previous) _moves.Add((moved, previous));
    }

    /// <summary>After a save: the status moves it stored.</summary>
    private Task PublishMovesAsync()
    {
        var now = clock.GetUtcNow();
        var events = _moves.Select(m => WebhookPayloads.StatusChanged(this.GetPrimaryKeyString(), m.Conversation, m.Previous, now)).ToArray();
        _moves.Clear();
        return PublishAsync(events);
    }

    private Task PublishCreatedAsync(SupportConversation conversation) =>
        PublishAsync([WebhookPayloads.ConversationCreated(this.GetPrimaryKeyString(), conversation, clock.GetUtcNow())]);

    private async Task PublishAsync(IReadOnlyList<WebhookEvent> events)
    {
        _unwritten.AddRange(events);
        var queued = 0;
        try
        {
            while (_unwritten.Count > 0)
            {
                queued += await Outbox.EnqueueAsync(_unwritten[0]);
                _unwritten.RemoveAt(0);
            }
        }
        catch (Exception exception)
        {
            // The change itself is stored; its events wait in memory and go before the desk's next ones.
            logger.LogError(exception, "Writing {Count} webhook events of site {SiteId} to the outbox failed", _unwritten.Count, this.GetPrimaryKeyString());
        }
        if (queued > 0) await GrainFactory.GetGrain<IWebhookGrain>(this.GetPrimaryKeyString()).Wake();
    }
}
