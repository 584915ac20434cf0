using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using OrleansChat.Contracts;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Auth;

/// <summary>
/// Tokens that end: a hub connection closes when its token does, clients renew through <c>POST /api/auth/refresh</c>
/// while the sign-in lasts, and a client that reconnects with a renewed token misses nothing.
/// </summary>
[Collection(WaitingOnTheClockFirst.Name)]
public sealed class TokenExpiryTests : IAsyncLifetime
{
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync(settings: new()
    {
        // Short enough to see connections close, long enough that a renewal every second never misses one on a
        // busy machine (a clean-clone run once starved the renewing loop past a 3 s token's end).
        ["Chat:Auth:TokenLifetime"] = "00:00:06",
        ["Chat:Auth:SessionLifetime"] = "00:00:30",
        ["Chat:Auth:ClockSkew"] = "00:00:00",
    });

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_connection_closes_when_its_token_ends_and_a_renewed_one_carries_on_with_nothing_lost()
    {
        await using var alice = await _system.SignInAsync("alice");
        await using var bob = await _system.SignInAsync("bob");
        var room = await bob.CreateRoomAsync("expiry");
        await bob.AddMemberAsync(room.RoomId, alice.UserId);

        // Alice's client as the widget is: it renews its token before it ends, and reconnects when closed.
        await using var aliceToken = new RenewedToken(this, alice.AccessToken);
        await using var bobToken = new RenewedToken(this, bob.AccessToken);
        var closures = Channel.CreateUnbounded<Exception?>();
        var seen = new SortedSet<long>();
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(_system.Web.BaseAddress, "/hubs/chat"), HttpTransportType.WebSockets, options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(aliceToken.Current);
                options.SkipNegotiation = true;
            })
            .AddJsonProtocol(json => ChatJson.Configure(json.PayloadSerializerOptions))
            .Build();
        hub.On<ChatMessage>("MessageReceived", message => { lock (seen) seen.Add(message.Seq); });
        hub.Closed += error => { closures.Writer.TryWrite(error); return Task.CompletedTask; };
        await hub.StartAsync();
        await hub.InvokeAsync<RoomSnapshot>("JoinRoom", room.RoomId, null);

        // Bob writes throughout, over REST, while Alice's connection is closed by expiry twice.
        using var writing = new CancellationTokenSource();
        var sent = WriteContinuallyAsync(bobToken, room.RoomId, writing.Token);
        for (var closure = 0; closure < 2; closure++)
        {
            await ChatTestClient.NextAsync(closures);
            await hub.StartAsync();
            long caughtUpTo;
            lock (seen) caughtUpTo = Contiguous(seen);
            var snapshot = await hub.InvokeAsync<RoomSnapshot>("JoinRoom", room.RoomId, caughtUpTo);
            lock (seen) seen.UnionWith(snapshot.Messages.Select(m => m.Seq));
        }
        await writing.CancelAsync();
        var lastSeq = await sent;

        // Whatever pushes the closures cut off, the rejoins' snapshots carried: every message reached Alice.
        await WaitUntilAsync(() => { lock (seen) return Contiguous(seen) >= lastSeq; });
        Assert.True(lastSeq > 10, $"Bob sent only {lastSeq} messages.");
        await hub.DisposeAsync();
    }

    [Fact]
    public async Task Renewal_keeps_the_identity_and_ends_with_the_sign_in()
    {
        await using var ann = await ChatTestClient.SignInAsync(_system.Web, "agent-ann", "Ann", role: "agent");
        var first = ReadToken(ann.AccessToken);
        var token = ann.AccessToken;
        while (true)
        {
            var response = await RenewAsync(token);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Contains("sign in again", problem.GetProperty("detail").GetString());
                break;
            }
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
            var renewed = ReadToken(token);
            Assert.Equal(("agent-ann", "Ann", "agent"), (renewed.Subject, renewed.GetClaim("name").Value, renewed.GetClaim("role").Value));
            Assert.Equal(first.GetClaim("auth_time").Value, renewed.GetClaim("auth_time").Value);
            Assert.True(renewed.ValidTo >= first.ValidTo);
            await Task.Delay(TimeSpan.FromSeconds(1.5));
        }

        // Once it has ended, a token is refused everywhere, renewal included.
        await WaitUntilAsync(() => ReadToken(token).ValidTo < DateTime.UtcNow);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RenewAsync(token)).StatusCode);
        using var http = _system.Web.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/rooms")).StatusCode);
    }

    private async Task<HttpResponseMessage> RenewAsync(string token)
    {
        using var http = _system.Web.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/refresh");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private async Task<long> WriteContinuallyAsync(RenewedToken writer, string roomId, CancellationToken stop)
    {
        long lastSeq = 0;
        using var http = _system.Web.CreateHttpClient();
        while (!stop.IsCancellationRequested)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/rooms/{roomId}/messages")
            {
                Content = JsonContent.Create(new { clientMessageId = Guid.NewGuid().ToString("N"), text = "tick" }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", writer.Current);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            lastSeq = (await response.Content.ReadFromJsonAsync<ChatMessage>(ChatTestClient.Json))!.Seq;
            try { await Task.Delay(100, stop); }
            catch (OperationCanceledException) { break; }
        }
        return lastSeq;
    }

    /// <summary>A client's token, renewed every second (well before its 6 s run out).</summary>
    private sealed class RenewedToken : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewing;

        public RenewedToken(TokenExpiryTests test, string token)
        {
            Current = token;
            _renewing = RenewAsync(test);
        }

        public string Current { get; private set; }

        private async Task RenewAsync(TokenExpiryTests test)
        {
            while (true)
            {
                try { await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token); }
                catch (OperationCanceledException) { return; }
                var response = await test.RenewAsync(Current);
                response.EnsureSuccessStatusCode();
                Current = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _renewing;
            _stop.Dispose();
        }
    }

    /// <summary>The highest seq up to which nothing is missing.</summary>
    private static long Contiguous(SortedSet<long> seqs)
    {
        long last = 0;
        foreach (var seq in seqs)
        {
            if (seq != last + 1) break;
            last = seq;
        }
        return last;
    }

    private static JsonWebToken ReadToken(string token) => new(token);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not hold within 30 s.");
            await Task.Delay(100);
        }
    }
}
