using System.Data.Common;
using OrleansChat.Contracts;
using OrleansChat.Grains.Members;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Search;
using OrleansChat.Storage.Sql;
using OrleansChat.Storage.Sql.Messages;
using OrleansChat.Storage.Sql.Rooms;
using OrleansChat.Storage.Sql.Search;

namespace OrleansChat.Storage.Tests.Search;

/// <summary>
/// Full-text search on every engine (SQLite's FTS5, PostgreSQL's tsvector): matches with their marked snippet, newest
/// first in pages, in step with edits, deletions and archiving, and only in rooms the reader may read.
/// </summary>
[Collection(StorageEnginesCollection.Name)]
public sealed class MessageSearchTests(StorageEngines engines)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
    private static readonly SearchReader Ada = new("ada", ReadsPublicRooms: true);

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task A_match_comes_with_its_message_and_a_snippet_whose_highlights_are_the_matching_words(string engine)
    {
        var store = await StoreAsync(engine);
        await store.RoomAsync("ops", RoomVisibility.Private, "ada");
        await store.SendAsync("ops", "The deploy to production failed at <b>midnight</b>; we will Deploy again after lunch");
        await store.SendAsync("ops", "Lunch menu: soup");

        var hit = Assert.Single((await store.SearchAsync(Ada, "deploy")).Hits);

        Assert.Equal(("ops", "Room ops", 1L, "ada", "Ada", Now.AddSeconds(1)), (hit.RoomId, hit.RoomName, hit.Seq, hit.SenderId, hit.SenderName, hit.SentAt));
        // PostgreSQL's headline leaves out what its parser reads as markup; the text around it is the message's.
        Assert.Contains(engine == StorageEngines.Sqlite ? "failed at <b>midnight</b>; we will" : "failed at  midnight ; we will", hit.Snippet);
        Assert.Equal(["deploy", "Deploy"], hit.Highlights.Select(h => hit.Snippet.Substring(h.Start, h.Length)));
        Assert.Equal(2, (await store.SearchAsync(Ada, "LUNCH")).Hits.Count);
        Assert.Equal(1L, Assert.Single((await store.SearchAsync(Ada, "lunch production")).Hits).Seq);
        Assert.Empty((await store.SearchAsync(Ada, "dinner")).Hits);
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task Hits_come_newest_first_in_pages_across_rooms_and_within_one(string engine)
    {
        var store = await StoreAsync(engine);
        await store.RoomAsync("a", RoomVisibility.Private, "ada");
        await store.RoomAsync("b", RoomVisibility.Public, "bob");
        for (var i = 1; i <= 7; i++) await store.SendAsync(i % 2 == 0 ? "a" : "b", $"status report {i}");
        await store.SendAsync("a", "nothing to see");

        var pages = await store.AllPagesAsync(Ada, "report", roomId: null, limit: 3);
        var inA = await store.AllPagesAsync(Ada, "report", roomId: "a", limit: 2);

        Assert.Equal([3, 3, 1], pages.Select(p => p.Hits.Count));
        Assert.Equal([true, true, false], pages.Select(p => p.Next is not null));
        Assert.Equal(["7", "6", "5", "4", "3", "2", "1"], pages.SelectMany(p => p.Hits).Select(h => h.Snippet[^1..]));
        Assert.Equal([("a", 3L), ("a", 2L), ("a", 1L)], inA.SelectMany(p => p.Hits).Select(h => (h.RoomId, h.Seq)));
        Assert.Equal([2, 1], inA.Select(p => p.Hits.Count));
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task Matches_far_back_in_a_long_history_come_after_the_recent_ones(string engine)
    {
        // Far enough apart that PostgreSQL's search looks through each of its windows (the latest 2,000 and 20,000).
        var store = await StoreAsync(engine);
        await store.RoomAsync("long", RoomVisibility.Private, "ada");
        await store.SendAsync("long", "the first rare kumquat");
        await store.SendManyAsync("long", Enumerable.Range(0, 10_000).Select(i => $"filler message {i}").ToArray());
        await store.SendAsync("long", "a kumquat in between");
        await store.SendManyAsync("long", Enumerable.Range(0, 12_000).Select(i => $"more filler {i}").ToArray());
        await store.SendAsync("long", "a second kumquat, recent");
        await store.SendAsync("long", "the latest kumquat");

        var inTheRoom = await store.AllPagesAsync(Ada, "kumquat", roomId: "long", limit: 2);
        var everywhere = await store.AllPagesAsync(Ada, "kumquat", roomId: null, limit: 2);
        var pagesOfThree = await store.AllPagesAsync(Ada, "kumquat", roomId: "long", limit: 3);

        long[][] expected = [[22_004L, 22_003L], [10_002L, 1L]];
        Assert.Equal(expected, inTheRoom.Select(p => p.Hits.Select(h => h.Seq).ToArray()));
        Assert.Equal(expected, everywhere.Select(p => p.Hits.Select(h => h.Seq).ToArray()));
        Assert.Equal([[22_004L, 22_003L, 10_002L], [1L]], pagesOfThree.Select(p => p.Hits.Select(h => h.Seq).ToArray()));
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task An_edit_changes_what_matches_and_a_deletion_or_archiving_removes_the_message(string engine)
    {
        var store = await StoreAsync(engine);
        await store.RoomAsync("cars", RoomVisibility.Private, "ada");
        await store.SendAsync("cars", "the blue car is parked outside");
        await store.SendAsync("cars", "an old blue bicycle");
        await store.SendAsync("cars", "the newest message stays");

        // As an edit stores it (in place), and then as a deletion does (the tombstone keeps no text).
        await store.SetTextAsync("cars", 1, "the red car is parked outside");
        var afterEdit = (Blue: await store.SearchAsync(Ada, "blue"), Red: await store.SearchAsync(Ada, "red car"));
        await store.SetTextAsync("cars", 1, "");
        var afterDelete = await store.SearchAsync(Ada, "red");
        await new SqlMessageLog(store.Database).ArchiveAsync("cars", beforeSeq: 3, Now);
        var afterArchive = await store.SearchAsync(Ada, "bicycle");

        Assert.Equal(2L, Assert.Single(afterEdit.Blue.Hits).Seq);
        Assert.Equal("the red car is parked outside", Assert.Single(afterEdit.Red.Hits).Snippet);
        Assert.Empty(afterDelete.Hits);
        Assert.Empty(afterArchive.Hits);
        Assert.Single((await store.SearchAsync(Ada, "newest")).Hits);
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task A_private_rooms_text_reaches_its_members_only_and_a_public_rooms_every_reader_but_visitors(string engine)
    {
        var store = await StoreAsync(engine);
        await store.RoomAsync("secret", RoomVisibility.Private, "ada", "bob");
        await store.RoomAsync("lobby", RoomVisibility.Public, "ada");
        await store.SendAsync("secret", "the launch code is swordfish");
        await store.SendAsync("lobby", "public swordfish recipes");
        var bob = new SearchReader("bob", ReadsPublicRooms: true);
        var mallory = new SearchReader("mallory", ReadsPublicRooms: true);
        var visitor = new SearchReader("visitor:demo:v1", ReadsPublicRooms: false);

        Assert.Equal(["lobby", "secret"], (await store.SearchAsync(bob, "swordfish")).Hits.Select(h => h.RoomId));
        Assert.Equal(["lobby"], (await store.SearchAsync(mallory, "swordfish")).Hits.Select(h => h.RoomId));
        Assert.Empty((await store.SearchAsync(mallory, "launch code")).Hits);
        Assert.Empty((await store.SearchAsync(mallory, "swordfish", roomId: "secret")).Hits);
        Assert.Empty((await store.SearchAsync(visitor, "swordfish")).Hits);
        Assert.Equal(
            [RoomReadAccess.Readable, RoomReadAccess.Refused, RoomReadAccess.Readable, RoomReadAccess.Refused, RoomReadAccess.Unknown],
            [
                await store.Search.ReadAccessAsync("secret", bob), await store.Search.ReadAccessAsync("secret", mallory),
                await store.Search.ReadAccessAsync("lobby", mallory), await store.Search.ReadAccessAsync("lobby", visitor),
                await store.Search.ReadAccessAsync("nowhere", mallory),
            ]);
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task Operators_quotes_and_other_scripts_are_words_to_find_never_query_syntax(string engine)
    {
        var store = await StoreAsync(engine);
        await store.RoomAsync("odd", RoomVisibility.Private, "ada");
        await store.SendAsync("odd", "meet NEAR the station OR at \"home\" -- Grüße aus Köln 東京 😀 col:value");
        string[] hostile =
        [
            "\"", "\"\"", "*", "NEAR(", "NEAR(a b, 2)", "OR", "AND NOT", "-home", "^start", "col:value", "a*", "(((", "\"home\" OR \"x\"",
            "'; DROP TABLE messages; --", "\\", "\u0000x", "x\u0002y\u0003", "köln", "KÖLN", "東京", "😀 near", "{text}:near", "+ - * /",
        ];

        foreach (var query in hostile.Where(q => SearchTerms.Parse(q) is not null))
        {
            await store.SearchAsync(Ada, query);
        }

        Assert.Single((await store.SearchAsync(Ada, "NEAR(")).Hits);
        Assert.Single((await store.SearchAsync(Ada, "\"home\"")).Hits);
        Assert.Single((await store.SearchAsync(Ada, "KÖLN grüße")).Hits);
        Assert.Empty((await store.SearchAsync(Ada, "home OR elsewhere")).Hits);
        Assert.Null(SearchTerms.Parse("\" * ( - ) ^ :"));
        var invalid = await Assert.ThrowsAsync<ChatException>(() => store.SearchAsync(Ada, "home", before: "not-a-cursor"));
        Assert.Equal(ChatError.Invalid, invalid.Error);
    }

    private async Task<SearchStore> StoreAsync(string engine) => new(await engines.CreateMigratedAsync(engine));

    /// <summary>Rooms, messages a second apart, edits by SQL as the edit feature stores them, and searches.</summary>
    private sealed class SearchStore(IChatDatabase database)
    {
        private readonly SqlRoomDirectory _directory = new(database);
        private readonly SqlMessageLog _log = new(database);
        private readonly Dictionary<string, long> _lastSeqs = [];
        private int _sent;

        public IChatDatabase Database => database;

        public SqlMessageSearch Search { get; } = new(database);

        public Task RoomAsync(string roomId, RoomVisibility visibility, params string[] members) =>
            _directory.CreateAsync(new RoomRecord(roomId, $"Room {roomId}", RoomKind.Group, visibility, Now),
                members.Select(m => new MemberRecord(m, m, MemberRole.Member, 0, Now)).ToArray());

        public async Task SendAsync(string roomId, string text)
        {
            var sentAt = Now.AddSeconds(++_sent);
            var draft = new MessageDraft(Guid.NewGuid().ToString("N"), $"c{_sent}", "ada", "Ada", MessageKind.Text, text, sentAt);
            var lastSeq = _lastSeqs.GetValueOrDefault(roomId);
            await _log.AppendAsync(roomId, lastSeq, [draft]);
            _lastSeqs[roomId] = lastSeq + 1;
        }

        /// <summary>Many messages a second apart, a hundred to an append.</summary>
        public async Task SendManyAsync(string roomId, IReadOnlyList<string> texts)
        {
            foreach (var chunk in texts.Chunk(100))
            {
                var drafts = chunk.Select(text =>
                {
                    _sent++;
                    return new MessageDraft(Guid.NewGuid().ToString("N"), $"c{_sent}", "ada", "Ada", MessageKind.Text, text, Now.AddSeconds(_sent));
                }).ToArray();
                var lastSeq = _lastSeqs.GetValueOrDefault(roomId);
                await _log.AppendAsync(roomId, lastSeq, drafts);
                _lastSeqs[roomId] = lastSeq + drafts.Length;
            }
        }

        public Task SetTextAsync(string roomId, long seq, string text) =>
            database.WriteAsync(async (connection, transaction, cancellationToken) =>
            {
                await using var update = connection.CreateCommand();
                update.Transaction = transaction;
                update.CommandText = "UPDATE messages SET text = @text WHERE room_id = @room AND seq = @seq";
                Add(update, "@text", text);
                Add(update, "@room", roomId);
                Add(update, "@seq", seq);
                return await update.ExecuteNonQueryAsync(cancellationToken);
            });

        public Task<SearchResults> SearchAsync(SearchReader reader, string text, string? roomId = null, string? before = null, int limit = 20) =>
            Search.SearchAsync(new SearchRequest(reader, SearchTerms.Parse(text)!, roomId, before, limit));

        public async Task<List<SearchResults>> AllPagesAsync(SearchReader reader, string text, string? roomId, int limit)
        {
            var pages = new List<SearchResults> { await SearchAsync(reader, text, roomId, limit: limit) };
            while (pages[^1].Next is { } next) pages.Add(await SearchAsync(reader, text, roomId, next, limit));
            return pages;
        }

        private static void Add(DbCommand command, string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }
}
