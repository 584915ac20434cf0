using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OrleansChat.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests.Messages;

/// <summary>Files in chats: pasted, attached and dropped, uploaded with progress and retries, shown and opened on both sides.</summary>
public sealed class AttachmentTests : BrowserTest
{
    [Fact]
    public async Task A_pasted_screenshot_reaches_the_agent_as_a_thumbnail_that_opens_full_size_and_a_pdf_as_a_card_that_downloads()
    {
        var agent = await AgentConsolePage.SignInAsync(await NewContextAsync(width: 1100, height: 820), System.Origin, "agent-ann", "Ann");
        var visitorContext = await NewContextAsync();
        var visitor = await WidgetPage.OpenShopAsync(visitorContext, System.Origin);
        await visitor.OpenAsync();
        await visitor.ExpectConnectedAsync();

        // A slow uplink, so that the message is seen waiting with a progress bar while its file goes up.
        var network = await visitorContext.NewCDPSessionAsync(visitor.Page);
        await network.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 0, ["downloadThroughput"] = -1, ["uploadThroughput"] = 64 * 1024,
        });
        var width = await TestFiles.PasteScreenshotAsync(visitor.Input, "screenshot.png");
        await Expect(visitor.Page.Locator(".composer-files")).ToContainTextAsync("screenshot.png");
        await visitor.SendAsync("The checkout shows this:");
        await Expect(visitor.Page.Locator("ol.uploading li.message .upload-progress")).ToHaveCountAsync(1);
        await Expect(visitor.Page.Locator("ol.uploading li.message")).ToContainTextAsync("The checkout shows this:");
        await Expect(visitor.Page.Locator("ol.uploading .upload-progress")).Not.ToHaveJSPropertyAsync("value", 0);
        await visitor.ExpectDeliveredAsync("The checkout shows this:");
        await Expect(visitor.Images).ToHaveAttributeAsync("alt", "screenshot.png");
        await Expect(visitor.Page.Locator("ol.uploading li")).ToHaveCountAsync(0);

        // Ann is online: the desk gives her the conversation, with the screenshot as a thumbnail.
        await Expect(agent.Mine).ToHaveCountAsync(1);
        await agent.Mine.First.ClickAsync();
        await Expect(agent.Delivered).ToHaveTextAsync(["The checkout shows this:"]);
        await Expect(agent.Images).ToHaveAttributeAsync("alt", "screenshot.png");
        await ExpectLoadedAsync(agent.Images);
        Assert.True(int.Parse((await agent.Images.GetAttributeAsync("width"))!) < width, "the thumbnail should be smaller than the screenshot");

        // A click opens the full image in a new tab.
        var full = await agent.Page.Context.RunAndWaitForPageAsync(() => agent.Images.ClickAsync());
        await full.WaitForLoadStateAsync();
        Assert.Equal("image/png", await full.EvaluateAsync<string>("() => document.contentType"));
        Assert.Equal(width, await full.EvaluateAsync<int>("() => document.images[0].naturalWidth"));
        await full.CloseAsync();

        // A PDF through the attach button, sent without text.
        var pdf = TestFiles.Pdf("invoice.pdf");
        await visitor.AttachAsync(pdf);
        await Expect(visitor.Page.Locator(".composer-files")).ToContainTextAsync("invoice.pdf");
        await visitor.Input.PressAsync("Enter");
        await Expect(visitor.FileCards).ToContainTextAsync("invoice.pdf");
        await ExpectLoadedAsync(visitor.Images);
        await Screenshots.SaveAsync(visitor.Page, "attachments-widget.png");

        await Expect(agent.FileCards).ToHaveCountAsync(1);
        await Expect(agent.FileCards).ToContainTextAsync("invoice.pdf");
        await Expect(agent.FileCards).ToContainTextAsync($"{pdf.Buffer.Length} B");
        await Expect(agent.FileCards).ToHaveAttributeAsync("download", "invoice.pdf");
        var download = await agent.Page.RunAndWaitForDownloadAsync(() => agent.FileCards.ClickAsync());
        Assert.Equal("invoice.pdf", download.SuggestedFilename);
        Assert.Equal(pdf.Buffer, await File.ReadAllBytesAsync((await download.PathAsync())!));

        // The agent answers with a file of their own, through the console's attach button.
        await agent.AttachAsync(TestFiles.Pdf("refund.pdf", "Refund 2026-118"));
        await agent.SendAsync("Thanks, I see it. I have refunded the failed payment: here is the receipt.");
        await visitor.ExpectDeliveredAsync("The checkout shows this:", "", "Thanks, I see it. I have refunded the failed payment: here is the receipt.");
        await Expect(visitor.FileCards.Last).ToContainTextAsync("refund.pdf");
        await Screenshots.SaveAsync(agent.Page, "attachments-console.png");
        Assert.Empty(visitor.Dialogs);
    }

    [Fact]
    public async Task Files_dropped_on_the_chat_upload_and_a_refused_one_says_why_and_the_rest_goes_once_it_is_removed()
    {
        var roomId = NewRoomId();
        var ann = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "ann", "Ann");
        var bob = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "bob", "Bob");

        // An executable renamed .pdf (its bytes say what it is) and a PDF, dragged onto the chat.
        await TestFiles.DropAsync(ann.Page.Locator(".log"),
            new FilePayload { Name = "setup.pdf", MimeType = "application/pdf", Buffer = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00] },
            TestFiles.Pdf("notes.pdf"));
        await Expect(ann.Page.Locator(".composer-file .file-name")).ToHaveTextAsync(["setup.pdf", "notes.pdf"]);
        await ann.SendAsync("two files");
        var refused = ann.Page.Locator("ol.uploading .upload[data-state=refused]");
        await Expect(refused).ToContainTextAsync("setup.pdf");
        await Expect(refused.GetByRole(AriaRole.Alert)).ToContainTextAsync("not accepted");
        await Expect(bob.Delivered).ToHaveCountAsync(0);

        await refused.GetByRole(AriaRole.Button, new() { Name = "Remove setup.pdf" }).ClickAsync();
        await bob.ExpectDeliveredAsync("two files");
        await Expect(bob.FileCards).ToHaveCountAsync(1);
        await Expect(bob.FileCards).ToContainTextAsync("notes.pdf");
    }

    [Fact]
    public async Task An_upload_that_fails_while_offline_is_tried_again_when_the_network_is_back_and_the_message_arrives()
    {
        var roomId = NewRoomId();
        var ann = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "ann", "Ann");
        var bob = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "bob", "Bob");

        await ann.Page.Context.SetOfflineAsync(true);
        await ann.AttachAsync(TestFiles.Pdf("receipt.pdf"));
        await ann.SendAsync("written on the train");
        await Expect(ann.Page.Locator("ol.uploading .upload[data-state=retrying]")).ToContainTextAsync("receipt.pdf");

        await ann.Page.Context.SetOfflineAsync(false);
        await bob.ExpectDeliveredAsync("written on the train");
        await Expect(bob.FileCards).ToContainTextAsync("receipt.pdf");
        await Expect(ann.Page.Locator("ol.uploading li")).ToHaveCountAsync(0);
        await Expect(ann.FileCards).ToHaveCountAsync(1);
    }

    /// <summary>The image has its signed source and has loaded from it.</summary>
    private static async Task ExpectLoadedAsync(ILocator image)
    {
        await Expect(image).ToHaveAttributeAsync("src", new Regex("^http://"));
        await image.EvaluateAsync("img => img.decode()");
        Assert.True(await image.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the image should have loaded");
    }
}
