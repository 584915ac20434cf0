using Microsoft.AspNetCore.SignalR.Client;

namespace OrleansChat.Client;

// The hub's client-to-server methods, typed; a refusal raises ChatRequestException with the server's word.
public sealed partial class ChatConnection
{
    /// <summary><c>EditMessage</c>: the message as it now is.</summary>
    public Task<ChatMessage> EditMessageAsync(string roomId, long seq, string text, CancellationToken cancellationToken = default) =>
        HubRefusals.Call(() => _hub.InvokeAsync<ChatMessage>("EditMessage", roomId, seq, text, cancellationToken));

    /// <summary><c>DeleteMessage</c>: the tombstone.</summary>
    public Task<ChatMessage> DeleteMessageAsync(string roomId, long seq, CancellationToken cancellationToken = default) =>
        HubRefusals.Call(() => _hub.InvokeAsync<ChatMessage>("DeleteMessage", roomId, seq, cancellationToken));

    /// <summary><c>SetReaction</c>: gives (<paramref name="reacted"/>) or takes back the caller's reaction.</summary>
    public Task<ChatMessage> SetReactionAsync(string roomId, long seq, string emoji, bool reacted, CancellationToken cancellationToken = default) =>
        HubRefusals.Call(() => _hub.InvokeAsync<ChatMessage>("SetReaction", roomId, seq, emoji, reacted, cancellationToken));

    /// <summary><c>GetChanges</c>: up to 200 changes after <paramref name="afterChange"/>. Joined rooms catch up by themselves.</summary>
    public Task<ChangePage> GetChangesAsync(string roomId, long afterChange, CancellationToken cancellationToken = default) =>
        HubRefusals.Call(() => _hub.InvokeAsync<ChangePage>("GetChanges", roomId, afterChange, cancellationToken));

    /// <summary><c>SetTyping</c>: typing ends by itself about 5 s after the last <c>true</c>.</summary>
    public Task SetTypingAsync(string roomId, bool isTyping, CancellationToken cancellationToken = default) =>
        HubRefusals.Call(() => _hub.InvokeAsync("SetTyping", roomId, isTyping, cancellationToken));

    /// <summary><c>MarkRead</c>: moves the caller's read cursor.</summary>
    public Task MarkReadAsync(string roomId, long seq, CancellationToken cancellationToken = default) =>
        HubRefusals.Call(() => _hub.InvokeAsync("MarkRead", roomId, seq, cancellationToken));

    /// <summary><c>SetStatus</c>: <c>online</c> or <c>away</c>.</summary>
    public Task SetStatusAsync(string status, CancellationToken cancellationToken = default) =>
        HubRefusals.Call(() => _hub.InvokeAsync("SetStatus", status, cancellationToken));
}
