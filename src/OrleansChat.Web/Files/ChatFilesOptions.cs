namespace OrleansChat.Web.Files;

/// <summary>Attachments, under <c>Chat:Files</c> (the store itself: see <see cref="FileStores"/>; sizes and types: <c>Chat:Limits</c>).</summary>
public sealed class ChatFilesOptions
{
    public const string SectionName = "Chat:Files";

    /// <summary>An upload that no message carries after this long is removed, bytes and all.</summary>
    public TimeSpan UnsentLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often a web node looks for such uploads.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a signed link (<c>GET …/files/{fileId}/link</c>) opens its file without a token.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
