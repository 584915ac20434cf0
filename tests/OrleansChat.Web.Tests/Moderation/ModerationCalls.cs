using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;
using static OrleansChat.Web.Tests.Infrastructure.ChatTestClient;

namespace OrleansChat.Web.Tests.Moderation;

/// <summary>The moderation endpoints as a client calls them, and what a test compares before and after a refusal.</summary>
internal static class ModerationCalls
{
    public static Task<HttpResponseMessage> SetRoleAsync(this ChatTestClient client, string roomId, string userId, string role) =>
        client.Http.PutAsJsonAsync($"/api/rooms/{roomId}/members/{userId}/role", new { role }, Json);

    public static Task<HttpResponseMessage> MuteAsync(this ChatTestClient client, string roomId, string userId, long seconds) =>
        client.PostAsync($"/api/rooms/{roomId}/mutes", new { userId, seconds });

    public static Task<HttpResponseMessage> UnmuteAsync(this ChatTestClient client, string roomId, string userId) =>
        client.Http.DeleteAsync($"/api/rooms/{roomId}/mutes/{userId}");

    public static Task<HttpResponseMessage> BanAsync(this ChatTestClient client, string roomId, string userId) =>
        client.PostAsync($"/api/rooms/{roomId}/bans", new { userId });

    public static Task<HttpResponseMessage> UnbanAsync(this ChatTestClient client, string roomId, string userId) =>
        client.Http.DeleteAsync($"/api/rooms/{roomId}/bans/{userId}");

    public static Task<HttpResponseMessage> SendOverRestAsync(this ChatTestClient client, string roomId, string clientMessageId, string text) =>
        client.PostAsync($"/api/rooms/{roomId}/messages", new { clientMessageId, text });

    /// <summary>The <c>MemberChanged</c> events a connection receives from now on.</summary>
    public static Channel<MemberChanged> MemberChanges(this LiveConnection live)
    {
        var channel = Channel.CreateUnbounded<MemberChanged>();
        live.Hub.On<MemberChanged>("MemberChanged", changed => channel.Writer.TryWrite(changed));
        return channel;
    }

    /// <summary>Everything moderation could change, as the owner reads it: roles, mutes, bans and the last seq.</summary>
    public static async Task<string> StateAsync(this ChatTestClient owner, string roomId)
    {
        var room = await owner.GetAsync<Room>($"/api/rooms/{roomId}");
        var bans = await owner.GetAsync<RoomBan[]>($"/api/rooms/{roomId}/bans");
        return string.Join(",", room.Members!.OrderBy(m => m.UserId).Select(m => $"{m.UserId}:{m.Role}:{m.MutedUntil}"))
            + $" bans:{string.Join(",", bans.Select(b => b.UserId))} lastSeq:{room.LastSeq}";
    }

    /// <summary>The texts of the room's system messages, oldest first.</summary>
    public static async Task<string[]> SystemMessagesAsync(this ChatTestClient reader, string roomId)
    {
        var page = await reader.GetAsync<MessagePage>($"/api/rooms/{roomId}/messages?limit=200");
        return [.. page.Messages.Where(m => m.Kind == MessageKind.System).Select(m => m.Text)];
    }

    public static async Task<string> ProblemDetailAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Json)).GetProperty("detail").GetString()!;
}
