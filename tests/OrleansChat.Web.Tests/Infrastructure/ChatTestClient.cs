using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Contracts;
using OrleansChat.Web.Apis;

namespace OrleansChat.Web.Tests.Infrastructure;

/// <summary>
/// One signed-in user as a client sees the platform: a token from the dev login, REST calls, and SignalR
/// connections over WebSockets whose events are collected for the test to wait on.
/// </summary>
public sealed class ChatTestClient : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = CreateJson();
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly List<HubConnection> _connections = [];

    private ChatTestClient(TestWebNode node, string userId, string accessToken)
    {
        Node = node;
        UserId = userId;
        AccessToken = accessToken;
        Http = node.CreateHttpClient();
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
    }

    public TestWebNode Node { get; }
    public string UserId { get; }
    public string AccessToken { get; }
    public HttpClient Http { get; }

    public static async Task<ChatTestClient> SignInAsync(
        TestWebNode node, string userId, string? displayName = null, string role = "member", string? siteId = null)
    {
        using var anonymous = node.CreateHttpClient();
        var response = await anonymous.PostAsJsonAsync("/api/auth/token", new { userId, displayName = displayName ?? userId, role, siteId }, Json);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("accessToken").GetString()!;
        return new ChatTestClient(node, userId, token);
    }

    /// <summary>A client that calls with a token from elsewhere (a widget session's, a host application's, an OpenID sign-in's).</summary>
    public static ChatTestClient WithToken(TestWebNode node, string userId, string accessToken) => new(node, userId, accessToken);

    /// <summary>
    /// Opens a hub connection over WebSockets (on <paramref name="node"/>, by default this client's node), asking for
    /// the protocol's optional <paramref name="features"/> (comma-separated) if any.
    /// </summary>
    public async Task<LiveConnection> ConnectAsync(TestWebNode? node = null, string? features = null)
    {
        var path = features is null ? "/hubs/chat" : $"/hubs/chat?features={Uri.EscapeDataString(features)}";
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri((node ?? Node).BaseAddress, path), HttpTransportType.WebSockets, options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(AccessToken);
                options.SkipNegotiation = true;
            })
            .AddJsonProtocol(json => ChatJson.Configure(json.PayloadSerializerOptions))
            .Build();
        var live = new LiveConnection(connection);
        await connection.StartAndSettleAsync();
        _connections.Add(connection);
        return live;
    }

    /// <summary>
    /// As a client does when the handshake is refused with 429 (the node may not have let this user's closed
    /// connections go yet): waits a moment and tries again.
    /// </summary>
    public async Task<LiveConnection> ConnectWhenAllowedAsync(string? features = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await ConnectAsync(features: features);
            }
            catch (Exception refused) when (refused.Message.Contains("429") && attempt < 100)
            {
                await Task.Delay(100);
            }
        }
    }

    public async Task<T> GetAsync<T>(string path) => (await Http.GetFromJsonAsync<T>(path, Json))!;

    public Task<HttpResponseMessage> PostAsync(string path, object body) => Http.PostAsJsonAsync(path, body, Json);

    public async Task<Room> CreateRoomAsync(string name, string visibility = "private", string? roomId = null)
    {
        var response = await PostAsync("/api/rooms", new { roomId, name, visibility });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Room>(Json))!;
    }

    public async Task AddMemberAsync(string roomId, string userId) =>
        (await PostAsync($"/api/rooms/{roomId}/members", new { userId })).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
        Http.Dispose();
    }

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ChatJson.Configure(json);
        return json;
    }

    /// <summary>A hub connection and the events it received, in order, per event name.</summary>
    public sealed class LiveConnection
    {
        public LiveConnection(HubConnection hub)
        {
            Hub = hub;
            Messages = Collect<ChatMessage>("MessageReceived");
            Typing = Collect<TypingChanged>("TypingChanged");
            Presence = Collect<PresenceChanged>("PresenceChanged");
            Joined = Collect<MemberJoined>("MemberJoined");
            Left = Collect<MemberLeft>("MemberLeft");
            RoomsLeft = Collect<RoomLeft>("RoomLeft");
            Receipts = Collect<ReadReceipt>("ReadReceipt");
            Changes = CollectEach<MessageChange>("MessagesChanged");
            Mentions = Collect<Mentioned>("Mentioned");
        }

        public HubConnection Hub { get; }
        public Channel<ChatMessage> Messages { get; }
        public Channel<TypingChanged> Typing { get; }
        public Channel<PresenceChanged> Presence { get; }
        public Channel<MemberJoined> Joined { get; }
        public Channel<MemberLeft> Left { get; }
        public Channel<RoomLeft> RoomsLeft { get; }
        public Channel<ReadReceipt> Receipts { get; }
        public Channel<MessageChange> Changes { get; }
        public Channel<Mentioned> Mentions { get; }

        public Task<RoomSnapshot> JoinRoomAsync(string roomId, long? afterSeq = null) =>
            Hub.InvokeAsync<RoomSnapshot>("JoinRoom", roomId, afterSeq);

        public Task<MessageAck> SendAsync(string roomId, string clientMessageId, string text) =>
            Hub.InvokeAsync<MessageAck>("SendMessage", roomId, clientMessageId, text);

        /// <summary>An event whose argument is a list: each item in order.</summary>
        private Channel<T> CollectEach<T>(string eventName)
        {
            var channel = Channel.CreateUnbounded<T>();
            Hub.On<T[]>(eventName, items =>
            {
                foreach (var item in items) channel.Writer.TryWrite(item);
            });
            return channel;
        }

        private Channel<T> Collect<T>(string eventName)
        {
            var channel = Channel.CreateUnbounded<T>();
            Hub.On<T>(eventName, item => channel.Writer.TryWrite(item));
            return channel;
        }
    }

    /// <summary>The next item matching <paramref name="match"/>, skipping others; fails after a generous wait.</summary>
    public static async Task<T> NextAsync<T>(Channel<T> channel, Func<T, bool>? match = null)
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            while (true)
            {
                var item = await channel.Reader.ReadAsync(timeout.Token);
                if (match is null || match(item)) return item;
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No matching {typeof(T).Name} arrived within {Patience.TotalSeconds} s.");
        }
    }

    /// <summary>
    /// What has arrived, and whatever more arrives until a quiet period passes with nothing: for asserting that
    /// nothing more came (<see cref="TimeSpan.Zero"/>: only what is already there).
    /// </summary>
    public static async Task<List<T>> DrainAsync<T>(Channel<T> channel, TimeSpan quiet)
    {
        var items = new List<T>();
        while (true)
        {
            while (channel.Reader.TryRead(out var item)) items.Add(item);
            if (quiet <= TimeSpan.Zero) return items;
            using var timeout = new CancellationTokenSource(quiet);
            try
            {
                if (!await channel.Reader.WaitToReadAsync(timeout.Token)) return items;
            }
            catch (OperationCanceledException)
            {
                return items;
            }
        }
    }
}
