using OrleansChat.Contracts;
using OrleansChat.Grains.Support;
using OrleansChat.Storage.Sql.Support;

namespace OrleansChat.Storage.Tests.Support;

/// <summary>The desk's private notes and canned responses on every engine: per site, in their own tables.</summary>
[Collection(StorageEnginesCollection.Name)]
public sealed class SupportDeskRowsTests(StorageEngines engines)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task Notes_are_kept_per_site_and_conversation_oldest_first_up_to_the_cap(string engine)
    {
        var store = new SqlSupportNoteStore(await engines.CreateMigratedAsync(engine));
        var later = Note("n-2", "support:shop:v-1", "second", Now.AddSeconds(1));
        Assert.True(await store.AddAsync("shop", later));
        Assert.True(await store.AddAsync("shop", Note("n-1", "support:shop:v-1", "first", Now)));
        Assert.True(await store.AddAsync("shop", Note("n-3", "support:shop:v-2", "elsewhere in the site", Now)));
        Assert.True(await store.AddAsync("other", Note("n-4", "support:shop:v-1", "another site's", Now)));

        Assert.Equal(["first", "second"], (await store.ListAsync("shop", "support:shop:v-1")).Select(n => n.Text));
        Assert.Equal(later, (await store.ListAsync("shop", "support:shop:v-1"))[1]);
        Assert.Empty(await store.ListAsync("shop", "support:shop:v-9"));

        for (var i = 2; i < SupportNote.MaxPerConversation; i++) await store.AddAsync("shop", Note($"f-{i}", "support:shop:v-1", "filler", Now));
        Assert.False(await store.AddAsync("shop", Note("n-over", "support:shop:v-1", "one too many", Now)));
        Assert.Equal(SupportNote.MaxPerConversation, (await store.ListAsync("shop", "support:shop:v-1")).Count);
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task Canned_responses_keep_a_shortcut_unique_per_site_and_refuse_what_would_break_it(string engine)
    {
        var store = new SqlCannedResponseStore(await engines.CreateMigratedAsync(engine));
        var hello = new CannedResponse("cr-1", "hello", "Hi!", Now);
        Assert.Equal(CannedResponseWrite.Saved, await store.AddAsync("shop", hello));
        Assert.Equal(CannedResponseWrite.Saved, await store.AddAsync("shop", new CannedResponse("cr-2", "bye", "Bye!", Now)));
        Assert.Equal(CannedResponseWrite.Saved, await store.AddAsync("other", new CannedResponse("cr-3", "hello", "Other site's", Now)));

        Assert.Equal(CannedResponseWrite.DuplicateShortcut, await store.AddAsync("shop", new CannedResponse("cr-4", "hello", "Again", Now)));
        Assert.Equal(CannedResponseWrite.DuplicateShortcut, await store.UpdateAsync("shop", new CannedResponse("cr-2", "hello", "Bye!", Now)));
        Assert.Equal(CannedResponseWrite.NotFound, await store.UpdateAsync("shop", new CannedResponse("cr-3", "hey", "Not this site's", Now)));
        Assert.Equal(CannedResponseWrite.Saved, await store.UpdateAsync("shop", hello with { Shortcut = "hi", Text = "Hello there!", UpdatedAt = Now.AddMinutes(1) }));
        Assert.False(await store.DeleteAsync("shop", "cr-3"));
        Assert.True(await store.DeleteAsync("shop", "cr-2"));

        Assert.Equal([new CannedResponse("cr-1", "hi", "Hello there!", Now.AddMinutes(1))], await store.ListAsync("shop"));
        Assert.Equal([new CannedResponse("cr-3", "hello", "Other site's", Now)], await store.ListAsync("other"));
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task A_site_keeps_at_most_its_cap_of_canned_responses(string engine)
    {
        var store = new SqlCannedResponseStore(await engines.CreateMigratedAsync(engine));
        for (var i = 0; i < CannedResponse.MaxPerSite; i++)
        {
            Assert.Equal(CannedResponseWrite.Saved, await store.AddAsync("shop", new CannedResponse($"cr-{i}", $"s-{i}", "text", Now)));
        }

        Assert.Equal(CannedResponseWrite.SiteFull, await store.AddAsync("shop", new CannedResponse("cr-over", "over", "text", Now)));
        Assert.Equal(CannedResponseWrite.Saved, await store.AddAsync("other", new CannedResponse("cr-other", "over", "text", Now)));
        Assert.Equal(CannedResponse.MaxPerSite, (await store.ListAsync("shop")).Count);
    }

    private static SupportNote Note(string noteId, string conversationId, string text, DateTimeOffset at) =>
        new(noteId, conversationId, "agent-ada", "Ada", text, at);
}
